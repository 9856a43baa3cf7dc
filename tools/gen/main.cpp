// axistwin-gen: procedural Beijing heritage architecture as .glb (see tools/gen/README.md).
#include "cli.h"

int main(int argc, char** argv) { return axis::gen::run_cli(argc, argv); }
