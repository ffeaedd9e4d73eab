// grep_search.cpp — grep's search of one input, as GNU grep 3.8 does it: the input is read in
// large blocks and the regex finds the next matching *line* in a whole block at a time
// (Regex::find_line: one DFA pass or a memmem), so lines that don't match are never looked at
// one by one. Lines before a match are kept across block refills for -B; -A counts down after
// each selected line; "--" separates groups that aren't adjacent. A NUL byte makes the input
// binary: the first selected line then prints "grep: NAME: binary file matches" (to stderr)
// instead of lines.
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "applets/grep.h"
#include "lib/gnu_errors.h"
#include "lib/messages.h"

namespace toolbox::grep {

namespace {

constexpr std::size_t k_block = 256 * 1024;

class FileScan {
public:
    FileScan(const Settings& settings, const Regex& regex, Output& out, int fd, const std::string& name,
             std::int64_t size_hint, bool& printed_any)
        : m_s(settings), m_re(regex), m_out(out), m_fd(fd), m_name(name), m_printed_any(printed_any) {
        if (settings.initial_tab) {
            std::int64_t width_of = size_hint >= 0 ? size_hint : INT64_MAX;
            m_number_width = 1;
            while (width_of >= 10) width_of /= 10, ++m_number_width;
        }
    }

    FileResult run() {
        FileResult result;
        if (m_s.max_count == 0) return result;
        while (!m_done) {
            std::size_t end = complete_end();
            if (end > m_pos) {
                process(end);
                continue;
            }
            if (m_eof) break;
            refill();
        }
        result.selected = m_selected;
        result.stop_all = m_stop_all;
        if (m_read_error != 0) {
            if (!m_s.no_messages) complain(k_program, m_name + ": " + strerror_gnu(m_read_error));
            result.error = true;
        }
        if (m_binary_matched) complain(k_program, m_name + ": binary file matches");
        return result;
    }

private:
    // Reads the next block, first dropping what is done (keeping -B's lines before m_pos).
    void refill() {
        std::size_t keep = m_pos;
        for (std::int64_t n = 0; n < m_s.before && keep > 0; ++n) keep = line_start(keep - 1);
        if (m_s.line_number) count_lines_to(keep);
        if (keep > 0) {
            m_buf.erase(0, keep);
            m_base += keep;
            m_pos -= keep;
            m_counted_pos -= keep;
        }
        std::size_t old = m_buf.size();
        m_buf.resize(old + k_block);
        ssize_t got;
        do {
            got = ::read(m_fd, m_buf.data() + old, k_block);
        } while (got < 0 && errno == EINTR);
        if (got <= 0) {
            if (got < 0) m_read_error = errno;
            m_buf.resize(old);
            m_eof = true;
            return;
        }
        m_buf.resize(old + static_cast<std::size_t>(got));
        if (!m_binary && m_s.binary_files != BinaryFiles::text && m_s.eol == '\n' &&
            std::memchr(m_buf.data() + old, '\0', static_cast<std::size_t>(got)) != nullptr) {
            m_binary = true;
            if (m_s.binary_files == BinaryFiles::without_match) m_done = true;
        }
    }

    // The end of the last complete line after m_pos (everything, at the end of input).
    std::size_t complete_end() const {
        if (m_eof) return m_buf.size();
        std::size_t end = m_buf.size();
        while (end > m_pos && m_buf[end - 1] != m_s.eol) --end;
        return end;
    }

    // The start of the line holding byte `at`.
    std::size_t line_start(std::size_t at) const {
        while (at > 0 && m_buf[at - 1] != m_s.eol) --at;
        return at;
    }
    // The end (past the delimiter) of the line starting at `at`, within [at, end).
    std::size_t line_end(std::size_t at, std::size_t end) const {
        const void* found = std::memchr(m_buf.data() + at, m_s.eol, end - at);
        return found ? static_cast<std::size_t>(static_cast<const char*>(found) - m_buf.data()) + 1 : end;
    }
    std::string_view text_of(std::size_t a, std::size_t le) const {
        if (le > a && m_buf[le - 1] == m_s.eol) --le;
        return std::string_view(m_buf).substr(a, le - a);
    }

    void count_lines_to(std::size_t to) {
        const char* p = m_buf.data() + m_counted_pos;
        const char* end = m_buf.data() + to;
        while (p < end) {
            const void* found = std::memchr(p, m_s.eol, static_cast<std::size_t>(end - p));
            if (!found) break;
            ++m_counted_line;
            p = static_cast<const char*>(found) + 1;
        }
        m_counted_pos = to;
    }

    void process(std::size_t end) {
        while (m_pos < end && !m_done) {
            if (m_after_limit) {
                if (m_pending_after <= 0) {
                    m_done = true;
                    return;
                }
                nonselected(line_end(m_pos, end));
                continue;
            }
            if (!m_s.invert) {
                std::size_t off = m_re.find_line(std::string_view(m_buf).substr(m_pos, end - m_pos), m_s.eol);
                std::size_t match = off == std::string_view::npos ? end : m_pos + off;
                while (m_pending_after > 0 && m_pos < match) nonselected(line_end(m_pos, match));
                m_pos = match;
                if (off == std::string_view::npos) return;
                select(line_end(match, end));
            } else {
                std::size_t le = line_end(m_pos, end);
                if (m_re.matches(text_of(m_pos, le))) {
                    if (m_pending_after > 0) nonselected(le);
                    else m_pos = le;
                } else {
                    select(le);
                }
            }
        }
    }

    void nonselected(std::size_t le) {
        if (m_pending_after > 0) {
            print_line(m_pos, le, '-');
            --m_pending_after;
        }
        m_pos = le;
    }

    void select(std::size_t le) {
        std::size_t a = m_pos;
        m_pos = le;
        ++m_selected;
        if (m_s.quiet) {
            m_stop_all = true;
            m_done = true;
            return;
        }
        if (m_s.files_with_matches || m_s.files_without_match) {
            m_done = true;
            return;
        }
        if (!m_s.count) {
            if (m_binary && m_s.binary_files == BinaryFiles::binary) {
                m_binary_matched = true;
                m_done = true;
                return;
            }
            print_before_context(a);
            print_line(a, le, ':');
            m_pending_after = m_s.after;
        }
        if (m_s.max_count >= 0 && m_selected >= m_s.max_count) {
            m_after_limit = true;
            if (m_s.count || m_pending_after <= 0) m_done = true;
        }
    }

    void print_before_context(std::size_t a) {
        std::size_t lower = 0;
        if (m_last_output_end >= 0 && static_cast<std::uint64_t>(m_last_output_end) > m_base)
            lower = static_cast<std::size_t>(static_cast<std::uint64_t>(m_last_output_end) - m_base);
        std::size_t s = a;
        for (std::int64_t n = 0; n < m_s.before && s > lower; ++n) s = line_start(s - 1);
        if (s < lower) s = lower;
        if (m_s.context && m_s.group_separator_enabled && m_printed_any &&
            (m_last_output_end < 0 || static_cast<std::int64_t>(m_base + s) != m_last_output_end)) {
            colored(m_s.colors.separator, m_s.group_separator);
            m_out.put('\n');
        }
        while (s < a) {
            std::size_t le = line_end(s, a);
            print_line(s, le, '-');
            s = le;
        }
    }

    void colored(const std::string& sgr, std::string_view text) {
        if (m_s.color && !sgr.empty()) {
            m_out.write("\33[" + sgr + "m\33[K");
            m_out.write(text);
            m_out.write("\33[m\33[K");
        } else {
            m_out.write(text);
        }
    }

    void number(std::uint64_t value, const std::string& sgr) {
        std::string digits = std::to_string(value);
        if (static_cast<int>(digits.size()) < m_number_width)
            digits.insert(0, static_cast<std::size_t>(m_number_width) - digits.size(), ' ');
        colored(sgr, digits);
    }

    void head(char sep, std::size_t line_at, std::uint64_t offset) {
        std::string_view separator(&sep, 1);
        if (m_s.with_filename) {
            colored(m_s.colors.file_name, m_name);
            if (m_s.null_after_name) m_out.put('\0');
            else colored(m_s.colors.separator, separator);
        }
        if (m_s.line_number) {
            count_lines_to(line_at);
            number(m_counted_line, m_s.colors.line_number);
            colored(m_s.colors.separator, separator);
        }
        if (m_s.byte_offset) {
            number(offset, m_s.colors.byte_offset);
            colored(m_s.colors.separator, separator);
        }
        if (m_s.initial_tab && (m_s.with_filename || m_s.line_number || m_s.byte_offset)) m_out.put('\t');
    }

    void print_line(std::size_t a, std::size_t le, char sep) {
        std::string_view text = text_of(a, le);
        m_printed_any = true;
        m_last_output_end = static_cast<std::int64_t>(m_base + le);
        // Matches are highlighted in lines that match: selected ones, or context ones with -v.
        bool matching_line = (sep == ':') != m_s.invert;
        const std::string& match_sgr = sep == ':' ? m_s.colors.selected_match : m_s.colors.context_match;
        if (m_s.only_matching) {
            if (!matching_line) return;
            for_each_match(text, [&](std::size_t b, std::size_t e) {
                head(sep, a, m_base + a + b);
                colored(match_sgr, text.substr(b, e - b));
                m_out.put(m_s.eol);
            });
        } else {
            head(sep, a, m_base + a);
            if (m_s.color && matching_line && !match_sgr.empty()) {
                std::size_t done = 0;
                for_each_match(text, [&](std::size_t b, std::size_t e) {
                    m_out.write(text.substr(done, b - done));
                    colored(match_sgr, text.substr(b, e - b));
                    done = e;
                });
                m_out.write(text.substr(done));
            } else {
                m_out.write(text);
            }
            m_out.put(m_s.eol);
        }
        if (m_s.line_buffered) m_out.flush();
    }

    // Each non-empty match in the line, left to right.
    template <typename F>
    void for_each_match(std::string_view text, F&& each) {
        std::size_t start = 0;
        RegexSpan match;
        while (start <= text.size() && m_re.search_match(text, start, match)) {
            auto b = static_cast<std::size_t>(match.begin);
            auto e = static_cast<std::size_t>(match.end);
            if (e == b) {
                start = b + 1;
                continue;
            }
            each(b, e);
            start = e;
        }
    }

    const Settings& m_s;
    const Regex& m_re;
    Output& m_out;
    int m_fd;
    const std::string& m_name;
    bool& m_printed_any;
    std::string m_buf;
    std::uint64_t m_base{0};
    std::size_t m_pos{0};
    bool m_eof{false};
    int m_read_error{0};
    bool m_binary{false};
    bool m_binary_matched{false};
    bool m_done{false};
    bool m_stop_all{false};
    bool m_after_limit{false};
    std::int64_t m_selected{0};
    std::int64_t m_pending_after{0};
    std::int64_t m_last_output_end{-1};
    std::size_t m_counted_pos{0};
    std::uint64_t m_counted_line{1};
    int m_number_width{0};
};

}  // namespace

FileResult Searcher::search(int fd, const std::string& name, std::int64_t size_hint) {
    FileScan scan(m_settings, m_regex, m_out, fd, name, size_hint, m_printed_any);
    FileResult result = scan.run();
    if (m_settings.quiet) return result;
    auto name_then = [&](char sep) {
        if (m_settings.color && !m_settings.colors.file_name.empty())
            m_out.write("\33[" + m_settings.colors.file_name + "m\33[K" + name + "\33[m\33[K");
        else
            m_out.write(name);
        if (m_settings.null_after_name) {
            m_out.put('\0');
        } else if (sep == ':' && m_settings.color && !m_settings.colors.separator.empty()) {
            m_out.write("\33[" + m_settings.colors.separator + "m\33[K:\33[m\33[K");
        } else {
            m_out.put(sep);
        }
    };
    if (m_settings.files_with_matches || m_settings.files_without_match) {
        bool listed = m_settings.files_with_matches ? result.selected > 0 : result.selected == 0 && !result.error;
        if (listed) name_then('\n');
    } else if (m_settings.count) {
        if (m_settings.with_filename) name_then(':');
        m_out.write(std::to_string(result.selected));
        m_out.put('\n');
    }
    if (m_settings.line_buffered) m_out.flush();
    return result;
}

}  // namespace toolbox::grep
