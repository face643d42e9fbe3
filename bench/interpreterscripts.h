#pragma once
// The scripts the interpreter benchmarks run. `bench_interpreter --write-scripts DIR` writes them out, so
// that bench/compare_interpreter.py times the very same text in /usr/bin/python3.

#include <string>

namespace av::bench {

// n statements of the kind a tutorial is made of, on tensors and arrays of a few elements: creation, views,
// conversions, in-place and out-of-place arithmetic, and queries.
inline std::string smallOpsScript(int statements)
{
    static const char* const kBody[] = {
        "a = torch.arange(12, dtype=torch.float32).reshape(3, 4)",
        "b = a.detach().numpy()",
        "c = torch.from_numpy(b)",
        "b += 1",
        "d = torch.tensor(b)",
        "e = a[1:, ::2]",
        "f = e.t()",
        "g = a + c * 2",
        "h = g.sum()",
        "s = a.storage().data_ptr() == c.storage().data_ptr()",
    };
    std::string source = "import torch\nimport numpy as np\n";
    for (int i = 0; i < statements; ++i) {
        source += kBody[i % 10];
        source += '\n';
    }
    return source;
}

// One tensor of 2^26 float32 zeros, then `t += 1` `adds` times.
inline std::string bigAddScript(int adds)
{
    std::string source = "import torch\nt = torch.zeros(2 ** 26)\n";
    for (int i = 0; i < adds; ++i)
        source += "t += 1\n";
    return source;
}

}  // namespace av::bench
