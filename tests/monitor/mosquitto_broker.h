// A real mosquitto broker for the tests, on 127.0.0.1 and a free port, with persistence in a folder of the
// test's; it can be stopped (SIGTERM: it saves its state) and started again on the same port. And a QoS 1
// test publisher on libmosquitto with its own persistent session, which reconnects on its own.
#pragma once

#include "core/test_temp_dir.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

extern char** environ;

namespace axis_test {

// A TCP port nothing listens on right now.
inline int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

inline bool port_accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

class MosquittoBroker {
 public:
  explicit MosquittoBroker(const fs::path& dir) : dir_(dir), port_(free_port()) {
    fs::create_directories(dir_ / "persist");
    write_raw(dir_ / "mosquitto.conf",
              "listener " + std::to_string(port_) + " 127.0.0.1\n"
              "allow_anonymous true\n"
              "persistence true\n"
              "persistence_location " + (dir_ / "persist").string() + "/\n"
              "autosave_interval 1\n"
              "max_queued_messages 100000\n"
              "user root\n");
    start();
  }
  ~MosquittoBroker() { stop(); }
  MosquittoBroker(const MosquittoBroker&) = delete;
  MosquittoBroker& operator=(const MosquittoBroker&) = delete;

  void start() {
    if (pid_ > 0) return;
    const char* exe = "/usr/sbin/mosquitto";
    if (::access(exe, X_OK) != 0) throw std::runtime_error("mosquitto is not installed (scripts/install-deps.sh installs it)");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    std::string log = (dir_ / "mosquitto.log").string(), conf = (dir_ / "mosquitto.conf").string();
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    char* argv[] = {const_cast<char*>("mosquitto"), const_cast<char*>("-c"), conf.data(), nullptr};
    int rc = posix_spawn(&pid_, exe, &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start mosquitto");
    for (int i = 0; i < 500 && !port_accepts(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!port_accepts(port_)) {
      stop();
      throw std::runtime_error("mosquitto did not start listening; its log: " + read_raw(dir_ / "mosquitto.log"));
    }
  }

  // SIGTERM (the broker writes its persistence file) and wait for it to exit.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 500; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  int port() const { return port_; }
  std::string url() const { return "mqtt://127.0.0.1:" + std::to_string(port_); }
  std::string log() const { return read_raw(dir_ / "mosquitto.log"); }

 private:
  fs::path dir_;
  int port_;
  pid_t pid_ = -1;
};

// A QoS 1 publisher with a persistent session (clean_session false), reconnecting on its own. Messages
// published while the broker is away are retried until accepted; unacknowledged ones are resent by
// libmosquitto after a reconnect.
class TestPublisher {
 public:
  TestPublisher(int port, const std::string& client_id, bool clean_session = false) {
    mosquitto_lib_init();
    client_ = mosquitto_new(client_id.c_str(), clean_session, this);
    mosquitto_reconnect_delay_set(client_, 1, 2, false);
    mosquitto_publish_callback_set(client_, [](mosquitto*, void* self, int mid) {
      auto* p = static_cast<TestPublisher*>(self);
      std::lock_guard lock(p->mutex_);
      p->acked_.insert(mid);
    });
    mosquitto_connect_callback_set(client_, [](mosquitto*, void* self, int rc) {
      if (rc == 0) static_cast<TestPublisher*>(self)->connected_ = true;
    });
    mosquitto_disconnect_callback_set(client_, [](mosquitto*, void* self, int) { static_cast<TestPublisher*>(self)->connected_ = false; });
    mosquitto_connect_async(client_, "127.0.0.1", port, 10);
    mosquitto_loop_start(client_);
    for (int i = 0; i < 500 && !connected_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~TestPublisher() {
    mosquitto_disconnect(client_);
    mosquitto_loop_stop(client_, false);
    mosquitto_destroy(client_);
  }

  bool publish(const std::string& topic, const std::string& payload, int qos = 1) {
    for (int i = 0; i < 1000; ++i) {
      int mid = 0;
      int rc = mosquitto_publish(client_, &mid, topic.c_str(), static_cast<int>(payload.size()), payload.data(), qos, false);
      if (rc == MOSQ_ERR_SUCCESS) {
        std::lock_guard lock(mutex_);
        sent_.insert(mid);
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  // Every QoS 1 message published so far has its PUBACK.
  bool all_acked() {
    std::lock_guard lock(mutex_);
    for (int m : sent_)
      if (!acked_.count(m)) return false;
    return true;
  }
  bool connected() const { return connected_; }

 private:
  mosquitto* client_ = nullptr;
  std::atomic<bool> connected_{false};
  std::mutex mutex_;
  std::set<int> sent_, acked_;
};

}  // namespace axis_test
