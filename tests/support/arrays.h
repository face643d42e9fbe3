#pragma once
// Building engine arrays from literal values in tests, without going through the ops under test.

#include "engine/arrayfactory.h"
#include "engine/dispatch.h"

#include <vector>

namespace av::test {

template <typename T>
engine::ArrayPtr arrayOf(engine::Flavour flavour, engine::Shape shape, const std::vector<T>& values)
{
    using namespace av::engine;
    ArrayPtr array = allocateArray(flavour, dtypeOf<T>(), std::move(shape));
    std::byte* data = array->data();
    for (std::size_t i = 0; i < values.size() && static_cast<std::int64_t>(i) < array->numel(); ++i)
        storeElement<T>(data + i * sizeof(T), values[i]);
    return array;
}

template <typename T>
engine::ArrayPtr tensorOf(engine::Shape shape, const std::vector<T>& values)
{
    return arrayOf<T>(engine::Flavour::Torch, std::move(shape), values);
}

template <typename T>
engine::ArrayPtr ndarrayOf(engine::Shape shape, const std::vector<T>& values)
{
    return arrayOf<T>(engine::Flavour::Numpy, std::move(shape), values);
}

}  // namespace av::test
