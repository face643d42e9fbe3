// The aliasview command line. Until the interpreter lands it offers --version and --help only.

#include "engine/version.h"

#include <cstdio>
#include <cstring>
#include <string_view>

namespace {

void printVersion()
{
    std::printf("aliasview %.*s (engine matching PyTorch %.*s and NumPy %.*s)\n",
                static_cast<int>(av::engine::engineVersion().size()), av::engine::engineVersion().data(),
                static_cast<int>(av::engine::kMatchesTorch.size()), av::engine::kMatchesTorch.data(),
                static_cast<int>(av::engine::kMatchesNumpy.size()), av::engine::kMatchesNumpy.data());
}

void printUsage(std::FILE* out)
{
    std::fprintf(out, "usage: aliasview --version\n"
                      "       aliasview --help\n"
                      "Running scripts (aliasview run FILE.py) arrives with the interpreter.\n");
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc == 2 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-V") == 0)) {
        printVersion();
        return 0;
    }
    if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        printUsage(stdout);
        return 0;
    }
    std::fprintf(stderr, "aliasview: %s\n", argc < 2 ? "no command given" : "unknown argument");
    printUsage(stderr);
    return 2;
}
