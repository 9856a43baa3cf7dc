// axistwin: the command-line entry point. Everything lives in the engine's app layer.
#include "app/cli.h"

int main(int argc, char** argv) { return axis::app::run(argc, argv); }
