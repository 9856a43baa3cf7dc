// The axistwin-gen command line: `axistwin-gen KIND --out FILE.glb [--seed S] [options]` and
// `axistwin-gen manifest FILE.json --out-dir DIR`. Exit codes: 0 done, 1 failure (cannot write, internal
// error), 2 usage error (unknown kind or option, bad value). Errors are one line on stderr.
#pragma once

namespace axis::gen {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int run_cli(int argc, char** argv);

}  // namespace axis::gen
