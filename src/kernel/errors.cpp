#include <cstddef>

#include <secure_exec/errors.h>

namespace secure_exec {
namespace {

// The enumerators are lower-case; the names people know are upper-case. Converted at compile time.
template <size_t N>
struct UpperName {
    char text[N]{};
    constexpr explicit UpperName(const char (&lower)[N]) {
        for (size_t i = 0; i < N; ++i)
            text[i] = (lower[i] >= 'a' && lower[i] <= 'z') ? static_cast<char>(lower[i] - 'a' + 'A') : lower[i];
    }
    constexpr std::string_view view() const { return {text, N - 1}; }
};

}  // namespace

std::string_view errno_name(Errno error) {
    switch (error) {
#define SECURE_EXEC_ERRNO_NAME(name, number, message)     \
    case Errno::name: {                                   \
        static constexpr UpperName upper_name{#name};     \
        return upper_name.view();                         \
    }
        SECURE_EXEC_ENUMERATE_ERRNOS(SECURE_EXEC_ERRNO_NAME)
#undef SECURE_EXEC_ERRNO_NAME
    }
    return "EUNKNOWN";
}

std::string_view errno_message(Errno error) {
    switch (error) {
#define SECURE_EXEC_ERRNO_MESSAGE(name, number, message) \
    case Errno::name:                                    \
        return message;
        SECURE_EXEC_ENUMERATE_ERRNOS(SECURE_EXEC_ERRNO_MESSAGE)
#undef SECURE_EXEC_ERRNO_MESSAGE
    }
    return "Unknown error";
}

Errno errno_from_linux(int number) {
    switch (number) {
#define SECURE_EXEC_ERRNO_FROM(name, value, message) \
    case value:                                      \
        return Errno::name;
        SECURE_EXEC_ENUMERATE_ERRNOS(SECURE_EXEC_ERRNO_FROM)
#undef SECURE_EXEC_ERRNO_FROM
    default:
        return Errno::eio;
    }
}

}  // namespace secure_exec
