// The `exhibition` section: kiosk settings, key chords and PIN digests (see exhibition.h).
#include "scene/exhibition.h"

#include "scene/json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace axis::scene {

namespace {

using json = nlohmann::json;

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool valid_key(const std::string& key) {
  if (key.size() == 1) return std::isalnum(static_cast<unsigned char>(key[0])) != 0;
  if (key.size() >= 2 && key.size() <= 3 && key[0] == 'F' && std::all_of(key.begin() + 1, key.end(), ::isdigit)) {
    int n = std::stoi(key.substr(1));
    return n >= 1 && n <= 24;
  }
  static const char* named[] = {"ESCAPE", "ENTER", "SPACE", "TAB", "BACKSPACE", "DELETE",
                                "INSERT", "HOME",  "END",   "PAGEUP", "PAGEDOWN", "PAUSE"};
  return std::any_of(std::begin(named), std::end(named), [&](const char* n) { return key == n; });
}

bool is_hex(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// ---- SHA-256, FIPS 180-4 -------------------------------------------------------------------------

constexpr std::array<uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
    0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress(std::array<uint32_t, 8>& h, const uint8_t* block) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i)
    w[i] = uint32_t(block[i * 4]) << 24 | uint32_t(block[i * 4 + 1]) << 16 | uint32_t(block[i * 4 + 2]) << 8 | block[i * 4 + 3];
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  std::array<uint32_t, 8> v = h;  // a, b, c, d, e, f, g, h
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = v[7] + (rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25)) + ((v[4] & v[5]) ^ (~v[4] & v[6])) + kRound[i] + w[i];
    uint32_t t2 = (rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22)) + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
    for (int k = 7; k > 0; --k) v[k] = v[k - 1];
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (int k = 0; k < 8; ++k) h[k] += v[k];
}

// Streaming SHA-256 without heap allocation (the kiosk checks PINs for weeks on end).
class Sha256 {
 public:
  void update(std::string_view data) {
    for (char c : data) {
      block_[fill_++] = static_cast<uint8_t>(c);
      if (fill_ == 64) {
        compress(h_, block_.data());
        fill_ = 0;
      }
    }
    bytes_ += data.size();
  }
  // The digest as 64 lower-case hex digits.
  std::array<char, 64> hex() {
    const uint64_t bits = bytes_ * 8;
    update(std::string_view("\x80", 1));
    while (fill_ != 56) update(std::string_view("\0", 1));
    for (int i = 7; i >= 0; --i) {
      char byte = static_cast<char>(bits >> (i * 8));
      update(std::string_view(&byte, 1));
    }
    static const char* digits = "0123456789abcdef";
    std::array<char, 64> out{};
    for (int i = 0; i < 32; ++i) {
      uint8_t b = static_cast<uint8_t>(h_[i / 4] >> (24 - 8 * (i % 4)));
      out[i * 2] = digits[b >> 4];
      out[i * 2 + 1] = digits[b & 15];
    }
    return out;
  }

 private:
  std::array<uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<uint8_t, 64> block_{};
  size_t fill_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace

std::string sha256_hex(std::string_view data) {
  Sha256 sha;
  sha.update(data);
  std::array<char, 64> hex = sha.hex();
  return std::string(hex.begin(), hex.end());
}

std::string pin_digest(std::string_view salt, std::string_view pin) {
  std::string salted(salt);
  salted.append(pin);
  return sha256_hex(salted);
}

bool pin_matches(const ExhibitionSettings& settings, std::string_view pin) {
  if (settings.pin_sha256.empty()) return true;
  Sha256 sha;
  sha.update(settings.pin_salt);
  sha.update(pin);
  std::array<char, 64> digest = sha.hex();
  if (settings.pin_sha256.size() != digest.size()) return false;
  unsigned diff = 0;  // constant time: no early exit on the first differing digit
  for (size_t i = 0; i < digest.size(); ++i)
    diff |= static_cast<unsigned>(static_cast<unsigned char>(digest[i]) ^ static_cast<unsigned char>(settings.pin_sha256[i]));
  return diff == 0;
}

std::string KeyChord::text() const {
  std::string out;
  if (ctrl) out += "ctrl+";
  if (alt) out += "alt+";
  if (shift) out += "shift+";
  if (super) out += "super+";
  return out + key;
}

std::optional<KeyChord> parse_key_chord(std::string_view text) {
  KeyChord chord;
  bool has_key = false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('+', start);
    if (end == std::string_view::npos) end = text.size();
    std::string token = upper(text.substr(start, end - start));
    start = end + 1;
    if (token == "CTRL" || token == "CONTROL") chord.ctrl = true;
    else if (token == "ALT" || token == "OPTION") chord.alt = true;
    else if (token == "SHIFT") chord.shift = true;
    else if (token == "SUPER" || token == "META" || token == "CMD") chord.super = true;
    else if (!has_key && valid_key(token)) {
      chord.key = token;
      has_key = true;
    } else {
      return std::nullopt;
    }
    if (end == text.size()) break;
  }
  if (!has_key || !(chord.ctrl || chord.alt || chord.shift || chord.super)) return std::nullopt;
  return chord;
}

ExhibitionSettings parse_exhibition(std::string_view json_text, const std::vector<Tour>& tours,
                                    const std::vector<Bookmark>& bookmarks, Diagnostics& diagnostics,
                                    const std::string& where) {
  ExhibitionSettings s;
  for (size_t i = 0; i < tours.size(); ++i) s.tours.push_back(static_cast<int>(i));
  if (!bookmarks.empty()) s.home_bookmark = 0;
  if (json_text.empty()) return s;
  json doc = json::parse(json_text, nullptr, false);
  JsonReader r(diagnostics, std::nullopt);
  if (doc.is_discarded()) {
    r.error(where, "invalid JSON");
    return s;
  }
  if (!r.expect_object(doc, where)) return s;
  r.check_keys(doc, where, {"idle_seconds", "attract_home_seconds", "tours", "home", "languages", "operator"});
  auto positive = [&](const json& obj, const char* key, const std::string& w, double& out, double minimum) {
    if (auto v = r.number(obj, key, w)) {
      if (*v < minimum) r.error(JsonReader::join(w, key), fmt::format("must be at least {} seconds", minimum));
      else out = *v;
    }
  };
  positive(doc, "idle_seconds", where, s.idle_seconds, 5.0);
  positive(doc, "attract_home_seconds", where, s.attract_home_seconds, 1.0);

  if (doc.contains("tours") && r.expect_array(doc["tours"], JsonReader::join(where, "tours"))) {
    s.tours.clear();
    const json& list = doc["tours"];
    for (size_t i = 0; i < list.size(); ++i) {
      std::string w = JsonReader::at(JsonReader::join(where, "tours"), i);
      if (!list[i].is_string()) {
        r.error(w, "expected a tour id (string)");
        continue;
      }
      int t = find_tour(tours, list[i].get<std::string>());
      if (t < 0) r.error(w, fmt::format("no tour '{}' in this scene", list[i].get<std::string>()));
      else if (std::find(s.tours.begin(), s.tours.end(), t) != s.tours.end()) r.warn(w, "listed twice (shown once)");
      else s.tours.push_back(t);
    }
  }

  if (doc.contains("home")) {
    const json& h = doc["home"];
    std::string w = JsonReader::join(where, "home");
    if (h.is_number_integer()) {
      int i = h.get<int>();
      if (i < 0 || i >= static_cast<int>(bookmarks.size())) r.error(w, fmt::format("bookmark {} does not exist", i));
      else s.home_bookmark = i;
    } else if (h.is_string()) {
      std::string name = h.get<std::string>();
      auto it = std::find_if(bookmarks.begin(), bookmarks.end(),
                             [&](const Bookmark& b) { return b.name_en == name || b.name_zh == name; });
      if (it == bookmarks.end()) r.error(w, fmt::format("no bookmark named '{}'", name));
      else s.home_bookmark = static_cast<int>(it - bookmarks.begin());
    } else {
      r.error(w, "expected a bookmark name or index");
    }
  }

  if (doc.contains("languages") && r.expect_array(doc["languages"], JsonReader::join(where, "languages"))) {
    std::vector<std::string> languages;
    for (const auto& l : doc["languages"]) {
      if (!l.is_string() || (l != "zh" && l != "en")) r.error(JsonReader::join(where, "languages"), "languages are \"zh\" and \"en\"");
      else if (std::find(languages.begin(), languages.end(), l.get<std::string>()) == languages.end())
        languages.push_back(l.get<std::string>());
    }
    if (languages.empty()) r.error(JsonReader::join(where, "languages"), "needs at least one language");
    else s.languages = languages;
  }

  if (doc.contains("operator") && r.expect_object(doc["operator"], JsonReader::join(where, "operator"))) {
    const json& op = doc["operator"];
    std::string w = JsonReader::join(where, "operator");
    r.check_keys(op, w, {"chord", "pin", "max_attempts", "lockout_seconds", "pin_timeout_seconds"});
    if (auto c = r.string(op, "chord", w)) {
      if (auto chord = parse_key_chord(*c)) s.operator_chord = *chord;
      else r.error(JsonReader::join(w, "chord"), fmt::format("'{}' is not a key chord such as \"ctrl+alt+shift+Q\"", *c));
    }
    if (op.contains("pin")) {
      const json& pin = op["pin"];
      std::string pw = JsonReader::join(w, "pin");
      auto digits = [](const std::string& p) {
        return p.size() >= 4 && p.size() <= 12 && std::all_of(p.begin(), p.end(), ::isdigit);
      };
      if (pin.is_string()) {
        std::string p = pin.get<std::string>();
        if (!digits(p)) r.error(pw, "a PIN is 4 to 12 digits");
        else {
          r.warn(pw, "is stored in plain text; store {\"salt\": S, \"sha256\": sha256(S + PIN)} instead");
          s.pin_salt = "axistwin";
          s.pin_sha256 = pin_digest(s.pin_salt, p);
        }
      } else if (r.expect_object(pin, pw)) {
        r.check_keys(pin, pw, {"salt", "sha256"});
        auto salt = r.string(pin, "salt", pw, true);
        auto digest = r.string(pin, "sha256", pw, true);
        if (salt && digest) {
          std::string d = digest->size() == 64 && is_hex(*digest) ? *digest : "";
          std::transform(d.begin(), d.end(), d.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
          if (d.empty()) r.error(JsonReader::join(pw, "sha256"), "expected 64 hexadecimal digits");
          else if (salt->size() < 8) r.error(JsonReader::join(pw, "salt"), "use a salt of at least 8 characters");
          else {
            s.pin_salt = *salt;
            s.pin_sha256 = d;
          }
        }
      }
    } else {
      r.warn(w, "has no \"pin\": the chord alone leaves the kiosk");
    }
    if (auto n = r.number(op, "max_attempts", w)) {
      if (*n < 1 || *n > 100 || *n != static_cast<int>(*n)) r.error(JsonReader::join(w, "max_attempts"), "expected a whole number 1..100");
      else s.max_pin_attempts = static_cast<int>(*n);
    }
    positive(op, "lockout_seconds", w, s.lockout_seconds, 1.0);
    positive(op, "pin_timeout_seconds", w, s.pin_timeout_seconds, 5.0);
  } else if (!doc.contains("operator")) {
    r.warn(where, "has no \"operator\" settings: the default chord ctrl+alt+shift+Q alone leaves the kiosk");
  }
  return s;
}

}  // namespace axis::scene
