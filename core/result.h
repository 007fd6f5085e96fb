#pragma once

#include "core/transfererror.h"

#include <utility>
#include <variant>

namespace Ferry {

// A value or the TransferError that prevented it; shaped like std::expected (C++23) so it can
// be swapped for it once the toolchain has it.
template<typename T>
class Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}

    Result(TransferError error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool has_value() const { return m_data.index() == 0; }

    explicit operator bool() const { return has_value(); }

    const T &value() const { return std::get<0>(m_data); }

    T &value() { return std::get<0>(m_data); }

    const T &operator*() const { return value(); }

    const T *operator->() const { return &value(); }

    const TransferError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, TransferError> m_data;
};

} // namespace Ferry
