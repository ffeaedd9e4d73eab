// error_or.h — ErrorOr<T>: a value or an Errno, never both, never ignored.
//
// Cheat sheet:
//   ErrorOr<int> open_it();                  // declare
//   return Errno::enoent;                    // fail
//   return fd;                               // succeed
//   int fd = TRY(open_it());                 // propagate the error, or take the value
//   auto r = open_it(); if (r.is_error()) use(r.error()); else use(r.value());
//   ErrorOr<void> close_it(); return {};     // success without a value
//   MUST(close_it());                        // tests and start-up only: aborts on error
//
// ErrorOr is move-only and [[nodiscard]]: an ignored result is a compile error under -Werror.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

#include <secure_exec/errors.h>

namespace secure_exec {

template <typename T>
class [[nodiscard]] ErrorOr {
public:
    // Implicit on purpose: `return Errno::enoent;` and `return value;` both read naturally.
    ErrorOr(Errno error) : m_storage(std::in_place_index<1>, error) {}  // NOLINT(google-explicit-constructor)
    template <typename U = T>
        requires std::is_constructible_v<T, U&&> && (!std::is_same_v<std::remove_cvref_t<U>, Errno>) &&
                 (!std::is_same_v<std::remove_cvref_t<U>, ErrorOr>)
    ErrorOr(U&& value) : m_storage(std::in_place_index<0>, std::forward<U>(value)) {}  // NOLINT

    ErrorOr(ErrorOr&&) noexcept = default;
    ErrorOr& operator=(ErrorOr&&) noexcept = default;
    ErrorOr(const ErrorOr&) = delete;
    ErrorOr& operator=(const ErrorOr&) = delete;

    bool is_error() const { return m_storage.index() == 1; }
    Errno error() const { return std::get<1>(m_storage); }
    T& value() & { return std::get<0>(m_storage); }
    const T& value() const& { return std::get<0>(m_storage); }
    T release_value() { return std::move(std::get<0>(m_storage)); }

private:
    std::variant<T, Errno> m_storage;
};

template <>
class [[nodiscard]] ErrorOr<void> {
public:
    ErrorOr() = default;
    ErrorOr(Errno error) : m_error(error), m_failed(true) {}  // NOLINT(google-explicit-constructor)
    ErrorOr(ErrorOr&&) noexcept = default;
    ErrorOr& operator=(ErrorOr&&) noexcept = default;
    ErrorOr(const ErrorOr&) = delete;
    ErrorOr& operator=(const ErrorOr&) = delete;

    bool is_error() const { return m_failed; }
    Errno error() const { return m_error; }
    void release_value() {}

private:
    Errno m_error{Errno::eio};
    bool m_failed{false};
};

[[noreturn]] inline void must_failed(Errno error, const char* expression, const char* file, int line) {
    std::fprintf(stderr, "MUST(%s) failed at %s:%d: %s\n", expression, file, line,
                 errno_name(error).data());
    std::abort();
}

}  // namespace secure_exec

#define SECURE_EXEC_CONCAT_INNER(a, b) a##b
#define SECURE_EXEC_CONCAT(a, b) SECURE_EXEC_CONCAT_INNER(a, b)

// Evaluates an ErrorOr expression; returns its error from the enclosing function, or yields its value.
// Uses a GNU statement expression (g++ and clang). Each expansion gets its own variable name, so
// TRY(f(TRY(g()))) nests without shadowing.
#define TRY(expression) SECURE_EXEC_TRY_IMPL(expression, SECURE_EXEC_CONCAT(_try_result_, __COUNTER__))
#define SECURE_EXEC_TRY_IMPL(expression, result)     \
    ({                                               \
        auto result = (expression);                  \
        if (result.is_error()) return result.error(); \
        result.release_value();                      \
    })

// Like TRY, but aborts on error. For tests and start-up code only.
#define MUST(expression) SECURE_EXEC_MUST_IMPL(expression, SECURE_EXEC_CONCAT(_must_result_, __COUNTER__))
#define SECURE_EXEC_MUST_IMPL(expression, result)                                             \
    ({                                                                                        \
        auto result = (expression);                                                           \
        if (result.is_error())                                                                \
            ::secure_exec::must_failed(result.error(), #expression, __FILE__, __LINE__);      \
        result.release_value();                                                               \
    })
