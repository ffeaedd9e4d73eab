// diff's output formats, as GNU diff 3.8 prints them: normal ("3c3", "< old", "---", "> new"),
// unified (-u: "--- a\tTIME", "@@ -l,n +l,n @@", " ", "-", "+") and context (-c: "*** a\tTIME",
// "***************", "! " "- " "+ "), with changes closer than twice the context merged into one
// hunk, "\ No newline at end of file" after an unterminated last line, and side by side (-y).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "diff.h"

namespace toolbox::diff {

namespace {

constexpr std::string_view k_no_newline = "\\ No newline at end of file\n";

bool is_last_unterminated(const Side& side, long index) {
    return side.missing_newline && index + 1 == static_cast<long>(side.lines.size());
}

// With -T the mark's trailing space becomes a tab, so the text keeps its tab stops.
void print_line(const Side& side, long index, std::string_view mark, Output& out, bool initial_tab = false) {
    if (initial_tab) {
        while (!mark.empty() && mark.back() == ' ')
            mark.remove_suffix(1);
        out.write(mark);
        out.put('\t');
    } else {
        out.write(mark);
    }
    out.write(side.lines[index]);
    out.put('\n');
    if (is_last_unterminated(side, index))
        out.write(k_no_newline);
}

// "5" or "5,7" for the 1-based lines [first, first + count).
std::string normal_range(long first, long count) {
    if (count <= 1)
        return std::to_string(count == 1 ? first + 1 : first);
    return std::to_string(first + 1) + "," + std::to_string(first + count);
}

void print_normal(const Side& a, const Side& b, const std::vector<Change>& changes, const Options& options,
                  Output& out) {
    for (const Change& change : changes) {
        std::string header;
        if (change.deleted > 0 && change.inserted > 0)
            header = normal_range(change.line0, change.deleted) + "c" + normal_range(change.line1, change.inserted);
        else if (change.deleted > 0)
            header = normal_range(change.line0, change.deleted) + "d" + std::to_string(change.line1);
        else
            header = std::to_string(change.line0) + "a" + normal_range(change.line1, change.inserted);
        out.write(header + "\n");
        for (long k = 0; k < change.deleted; ++k)
            print_line(a, change.line0 + k, "< ", out, options.initial_tab);
        if (change.deleted > 0 && change.inserted > 0)
            out.write("---\n");
        for (long k = 0; k < change.inserted; ++k)
            print_line(b, change.line1 + k, "> ", out, options.initial_tab);
    }
}

// The C locale's LC_TIME: context headers then use the traditional "Thu Nov 26 06:55:24 2026".
bool c_locale_time() {
    for (const char* name : {"LC_ALL", "LC_TIME", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0')
            return std::string_view(value) == "C" || std::string_view(value) == "POSIX";
    }
    return true;
}

// "2024-01-02 03:04:05.000000000 +0000", in UTC (or the traditional form, see above).
std::string timestamp(const timespec& when, bool traditional) {
    time_t seconds = when.tv_sec;
    struct tm parts {};
    gmtime_r(&seconds, &parts);
    char text[80];
    if (traditional) {
        std::strftime(text, sizeof text, "%a %b %e %H:%M:%S %Y", &parts);
        return text;
    }
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d.%09ld +0000", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<long>(when.tv_nsec));
    return text;
}

void print_header(const Side& side, size_t index, std::string_view mark, const Options& options, Output& out) {
    out.write(mark);
    out.put(' ');
    if (index < options.labels.size()) {
        out.write(options.labels[index]);
    } else {
        out.write(side.name);
        out.put('\t');
        out.write(timestamp(side.mtime, options.style == Style::context && c_locale_time()));
    }
    out.put('\n');
}

// Changes [first, last) printed together as one hunk.
struct Hunk {
    size_t first{0};
    size_t last{0};
    long start0{0}, end0{0}, start1{0}, end1{0};  // the lines shown, context included
};

std::vector<Hunk> group_hunks(const Side& a, const Side& b, const std::vector<Change>& changes, long context) {
    std::vector<Hunk> hunks;
    long n0 = static_cast<long>(a.lines.size()), n1 = static_cast<long>(b.lines.size());
    for (size_t i = 0; i < changes.size();) {
        // The next change joins the hunk when the unchanged lines between are few enough to show
        // in full: twice the context, or once for a change -B ignores.
        size_t j = i + 1;
        while (j < changes.size() && changes[j].line0 - (changes[j - 1].line0 + changes[j - 1].deleted) <
                                         (changes[j].ignorable ? context : 2 * context + 1))
            ++j;
        bool all_ignorable = true;
        for (size_t k = i; k < j; ++k)
            all_ignorable = all_ignorable && changes[k].ignorable;
        if (all_ignorable) {
            i = j;
            continue;
        }
        const Change& first = changes[i];
        const Change& last = changes[j - 1];
        Hunk hunk{i, j, 0, 0, 0, 0};
        hunk.start0 = std::max(0L, first.line0 - context);
        hunk.start1 = std::max(0L, first.line1 - context);
        hunk.end0 = std::min(n0, last.line0 + last.deleted + context);
        hunk.end1 = std::min(n1, last.line1 + last.inserted + context);
        hunks.push_back(hunk);
        i = j;
    }
    return hunks;
}

std::string unified_range(long start, long end) {
    long count = end - start;
    if (count == 0)
        return std::to_string(start) + ",0";
    if (count == 1)
        return std::to_string(start + 1);
    return std::to_string(start + 1) + "," + std::to_string(count);
}

void print_unified(const Side& a, const Side& b, const std::vector<Change>& changes, long context,
                   const Options& options, Output& out) {
    print_header(a, 0, "---", options, out);
    print_header(b, 1, "+++", options, out);
    for (const Hunk& hunk : group_hunks(a, b, changes, context)) {
        out.write("@@ -" + unified_range(hunk.start0, hunk.end0) + " +" + unified_range(hunk.start1, hunk.end1) +
                  " @@\n");
        long i = hunk.start0;
        for (size_t c = hunk.first; c < hunk.last; ++c) {
            const Change& change = changes[c];
            for (; i < change.line0; ++i)
                print_line(a, i, " ", out, options.initial_tab);
            for (long k = 0; k < change.deleted; ++k)
                print_line(a, change.line0 + k, "-", out, options.initial_tab);
            for (long k = 0; k < change.inserted; ++k)
                print_line(b, change.line1 + k, "+", out, options.initial_tab);
            i = change.line0 + change.deleted;
        }
        for (; i < hunk.end0; ++i)
            print_line(a, i, " ", out, options.initial_tab);
    }
}

std::string context_range(long start, long end) {
    if (end - start <= 1)
        return std::to_string(end);
    return std::to_string(start + 1) + "," + std::to_string(end);
}

// One side of a context hunk: its lines marked "  ", "- "/"+ " or "! ".
void print_context_side(const Side& side, const std::vector<Change>& changes, const Hunk& hunk, bool first_side,
                        const Options& options, Output& out) {
    long start = first_side ? hunk.start0 : hunk.start1;
    long end = first_side ? hunk.end0 : hunk.end1;
    std::vector<std::string_view> marks(static_cast<size_t>(end - start), "  ");
    for (size_t c = hunk.first; c < hunk.last; ++c) {
        const Change& change = changes[c];
        long from = first_side ? change.line0 : change.line1;
        long count = first_side ? change.deleted : change.inserted;
        std::string_view mark = change.deleted > 0 && change.inserted > 0 ? "! " : first_side ? "- " : "+ ";
        for (long k = 0; k < count; ++k)
            marks[static_cast<size_t>(from + k - start)] = mark;
    }
    for (long i = start; i < end; ++i)
        print_line(side, i, marks[static_cast<size_t>(i - start)], out, options.initial_tab);
}

void print_context(const Side& a, const Side& b, const std::vector<Change>& changes, long context,
                   const Options& options, Output& out) {
    print_header(a, 0, "***", options, out);
    print_header(b, 1, "---", options, out);
    for (const Hunk& hunk : group_hunks(a, b, changes, context)) {
        bool deletes = false, inserts = false;
        for (size_t c = hunk.first; c < hunk.last; ++c) {
            deletes = deletes || changes[c].deleted > 0;
            inserts = inserts || changes[c].inserted > 0;
        }
        out.write("***************\n*** " + context_range(hunk.start0, hunk.end0) + " ****\n");
        if (deletes)
            print_context_side(a, changes, hunk, true, options, out);
        out.write("--- " + context_range(hunk.start1, hunk.end1) + " ----\n");
        if (inserts)
            print_context_side(b, changes, hunk, false, options, out);
    }
}

}  // namespace

void print_side_by_side(const Side& a, const Side& b, const std::vector<Change>& changes, const Options& options,
                        Output& out);

void print_changes(const Side& a, const Side& b, const std::vector<Change>& changes, const Options& options,
                   Output& out) {
    long context = options.context < 0 ? 3 : options.context;
    switch (options.style) {
    case Style::normal: print_normal(a, b, changes, options, out); break;
    case Style::unified: print_unified(a, b, changes, context, options, out); break;
    case Style::context: print_context(a, b, changes, context, options, out); break;
    case Style::side_by_side: print_side_by_side(a, b, changes, options, out); break;
    }
}

}  // namespace toolbox::diff

// Side by side (-y): each line pair on one row, the gutter between them saying ' ' (same), '|'
// (changed), '<' (only left), '>' (only right), '(' (--left-column); tabs pad the columns
// unless -t expands them.
namespace toolbox::diff {

namespace {

class Columns {
public:
    Columns(const Options& options, Output& out) : m_expand(options.expand_tabs), m_out(out) {
        long tab = m_expand ? 1 : 8;
        long offset = (options.width + tab + 3) / (2 * tab) * tab;
        m_half = std::max(0L, std::min(offset - 3, options.width - offset));
        m_column2 = m_half < offset ? offset : options.width;
    }

    // One row; `left`/`right` are null when that side has no line.
    void row(const std::string_view* left, char separator, const std::string_view* right, bool left_newline,
             bool right_newline) {
        long column = 0;
        bool newline = false;
        if (left != nullptr) {
            newline = left_newline;
            column = half_line(*left, m_half);
        }
        if (separator != ' ') {
            column = pad(column, (m_half + m_column2 - 1) / 2) + 1;
            if (separator == '|' && right != nullptr && newline != right_newline)
                separator = newline ? '/' : '\\';
            m_out.put(separator);
        }
        if (right != nullptr) {
            newline = newline || right_newline;
            if (!right->empty()) {
                pad(column, m_column2);
                half_line(*right, m_half);
            }
        }
        if (newline)
            m_out.put('\n');
    }

private:
    long pad(long from, long to) {
        if (!m_expand) {
            for (long stop = (from / 8 + 1) * 8; stop <= to; stop = (from / 8 + 1) * 8) {
                m_out.put('\t');
                from = stop;
            }
        }
        for (; from < to; ++from)
            m_out.put(' ');
        return to;
    }

    long half_line(std::string_view text, long bound) {
        long in = 0, out = 0;
        for (char c : text) {
            if (c == '\t') {
                long spaces = 8 - in % 8;
                if (in == out) {
                    long stop = out + spaces;
                    if (m_expand) {
                        stop = std::min(stop, bound);
                        for (; out < stop; ++out)
                            m_out.put(' ');
                    } else if (stop < bound) {
                        out = stop;
                        m_out.put('\t');
                    }
                }
                in += spaces;
            } else if (c == '\f' || c == '\v') {
                m_out.put(c);
            } else if (in++ < bound) {
                out = in;
                m_out.put(c);
            }
        }
        return out;
    }

    bool m_expand;
    Output& m_out;
    long m_half{0};
    long m_column2{0};
};

}  // namespace

void print_side_by_side(const Side& a, const Side& b, const std::vector<Change>& changes, const Options& options,
                        Output& out) {
    Columns columns(options, out);
    auto ends = [](const Side& side, long index) { return !is_last_unterminated(side, index); };
    long i = 0, j = 0;
    long n0 = static_cast<long>(a.lines.size());
    auto common_until = [&](long stop) {
        for (; i < stop; ++i, ++j) {
            if (options.suppress_common_lines)
                continue;
            if (options.left_column)
                columns.row(&a.lines[i], '(', nullptr, ends(a, i), false);
            else
                columns.row(&a.lines[i], ' ', &b.lines[j], ends(a, i), ends(b, j));
        }
    };
    for (const Change& change : changes) {
        common_until(change.line0);
        long paired = std::min(change.deleted, change.inserted);
        for (long k = 0; k < paired; ++k)
            columns.row(&a.lines[i + k], '|', &b.lines[j + k], ends(a, i + k), ends(b, j + k));
        for (long k = paired; k < change.deleted; ++k)
            columns.row(&a.lines[i + k], '<', nullptr, ends(a, i + k), false);
        for (long k = paired; k < change.inserted; ++k)
            columns.row(nullptr, '>', &b.lines[j + k], false, ends(b, j + k));
        i += change.deleted;
        j += change.inserted;
    }
    common_until(n0);
}

}  // namespace toolbox::diff
