// chars.h — the character classes of the shell grammar (XCU 2.2, 2.10.2; bash's shellmeta).
#pragma once

namespace sh {

inline bool is_blank(int c) { return c == ' ' || c == '\t'; }

// Characters that end an unquoted word and begin an operator.
inline bool is_metachar(int c) {
    return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')';
}

inline bool is_word_break(int c) { return c < 0 || c == '\n' || is_blank(c) || is_metachar(c); }

inline bool is_digit(int c) { return c >= '0' && c <= '9'; }

inline bool is_name_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

inline bool is_name_char(int c) { return is_name_start(c) || is_digit(c); }

// $@ $* $# $? $- $$ $! (and $0…$9, which are digits).
inline bool is_special_parameter(int c) {
    return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!';
}

}  // namespace sh
