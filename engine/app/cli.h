// The `axistwin` command line: one small function per verb (view, render, check, bench, report, monitor), each
// parsing its own options and calling the engine. Exit codes: 0 success, 1 failure (a file that cannot be
// shown or written), 2 usage error.
#pragma once

namespace axis::app {

int run(int argc, char** argv);

int verb_render(int argc, char** argv);
int verb_check(int argc, char** argv);
int verb_bench(int argc, char** argv);
int verb_view(int argc, char** argv);
int verb_report(int argc, char** argv);
int verb_monitor(int argc, char** argv);

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

}  // namespace axis::app
