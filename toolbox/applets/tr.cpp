// tr, as GNU coreutils in the C locale: translate SET1 to SET2, delete (-d), squeeze repeats
// (-s), complement SET1 (-c/-C), truncate SET1 (-t). Sets have escapes (\n \t \\ \NNN ...),
// ranges (a-z), classes ([:alpha:] ...), equivalence classes ([=c=]) and, in SET2, repeats
// ([c*N], [c*]); [:lower:] and [:upper:] may face each other for case mapping. Diagnostics and
// validation follow coreutils tr.c. Streams in 64 KiB blocks.
// applet: tr tr_main
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr char k_program[] = "tr";

constexpr std::string_view k_usage =
    "Usage: tr [OPTION]... STRING1 [STRING2]\n"
    "Translate, squeeze, and/or delete characters from standard input,\n"
    "writing to standard output.  STRING1 and STRING2 specify arrays of\n"
    "characters ARRAY1 and ARRAY2 that control the action.\n"
    "\n"
    "  -c, -C, --complement    use the complement of ARRAY1\n"
    "  -d, --delete            delete characters in ARRAY1, do not translate\n"
    "  -s, --squeeze-repeats   replace each sequence of a repeated character\n"
    "                            that is listed in the last specified ARRAY,\n"
    "                            with a single occurrence of that character\n"
    "  -t, --truncate-set1     first truncate ARRAY1 to length of ARRAY2\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "ARRAYs are specified as strings of characters.  Most represent themselves.\n"
    "Interpreted sequences are \\NNN (octal), \\\\, \\a, \\b, \\f, \\n, \\r, \\t, \\v,\n"
    "CHAR1-CHAR2, [CHAR*], [CHAR*REPEAT], [:alnum:], [:alpha:], [:blank:],\n"
    "[:cntrl:], [:digit:], [:graph:], [:lower:], [:print:], [:punct:], [:space:],\n"
    "[:upper:], [:xdigit:] and [=CHAR=].\n";

constexpr LongOption k_long_options[] = {
    {"complement", Argument::none, 'c'},
    {"delete", Argument::none, 'd'},
    {"squeeze-repeats", Argument::none, 's'},
    {"truncate-set1", Argument::none, 't'},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

enum class Kind { character, range, char_class, equivalence, repeat };
enum class CaseClass { none, lower, upper };

struct Element {
    Kind kind{Kind::character};
    unsigned char first{0};  // the character, range start, [=c=] or [c*n] character
    unsigned char last{0};   // range end
    std::string class_name;
    uint64_t count{0};       // [c*n]: n
    bool fill{false};        // [c*] or [c*0]
};

// A byte of the unescaped string and whether it came from a backslash escape.
struct Byte {
    unsigned char value;
    bool escaped;
};

void complain(const std::string& message) {
    write_all(2, std::string(k_program) + ": " + message + "\n");
}

// make_printable_char() of tr.c: printable bytes as themselves, others as \ooo.
std::string printable(unsigned char c) {
    if (c >= 0x20 && c < 0x7f)
        return std::string(1, static_cast<char>(c));
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\%03o", c);
    return buffer;
}

// tr.c unquote(): escapes to bytes.
std::vector<Byte> unescape(std::string_view text) {
    std::vector<Byte> out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out.push_back({static_cast<unsigned char>(text[i]), false});
            continue;
        }
        if (i + 1 == text.size()) {
            complain("warning: an unescaped backslash at end of string is not portable");
            out.push_back({'\\', true});
            continue;
        }
        char c = text[++i];
        switch (c) {
        case 'a': out.push_back({'\a', true}); break;
        case 'b': out.push_back({'\b', true}); break;
        case 'f': out.push_back({'\f', true}); break;
        case 'n': out.push_back({'\n', true}); break;
        case 'r': out.push_back({'\r', true}); break;
        case 't': out.push_back({'\t', true}); break;
        case 'v': out.push_back({'\v', true}); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned value = static_cast<unsigned>(c - '0');
            size_t digits = 1;
            while (digits < 3 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7') {
                unsigned next = value * 8 + static_cast<unsigned>(text[i + 1] - '0');
                if (next > 255) {
                    complain(std::string("warning: the ambiguous octal escape \\") + c + text[i] + text[i + 1] +
                             " is being\n\tinterpreted as the 2-byte sequence \\0" + c + text[i] + ", " +
                             text[i + 1]);
                    break;
                }
                value = next;
                ++i;
                ++digits;
            }
            out.push_back({static_cast<unsigned char>(value), true});
            break;
        }
        default: out.push_back({static_cast<unsigned char>(c), true}); break;
        }
    }
    return out;
}

bool class_contains(std::string_view name, unsigned char c) {
    bool digit = c >= '0' && c <= '9';
    bool lower = c >= 'a' && c <= 'z';
    bool upper = c >= 'A' && c <= 'Z';
    bool print = c >= 0x20 && c < 0x7f;
    if (name == "alnum") return digit || lower || upper;
    if (name == "alpha") return lower || upper;
    if (name == "blank") return c == ' ' || c == '\t';
    if (name == "cntrl") return c < 0x20 || c == 0x7f;
    if (name == "digit") return digit;
    if (name == "graph") return print && c != ' ';
    if (name == "lower") return lower;
    if (name == "print") return print;
    if (name == "punct") return print && c != ' ' && !digit && !lower && !upper;
    if (name == "space") return c == ' ' || (c >= '\t' && c <= '\r');
    if (name == "upper") return upper;
    if (name == "xdigit") return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    return false;
}

bool valid_class(std::string_view name) {
    static constexpr std::string_view k_names[] = {"alnum", "alpha", "blank", "cntrl", "digit", "graph",
                                                   "lower", "print", "punct", "space", "upper", "xdigit"};
    for (auto known : k_names)
        if (known == name)
            return true;
    return false;
}

// The index of the "X]" closing a "[X" construct starting at `from`, or npos.
size_t find_closing(const std::vector<Byte>& bytes, size_t from, unsigned char x) {
    for (size_t i = from; i + 1 < bytes.size(); ++i)
        if (bytes[i].value == x && !bytes[i].escaped && bytes[i + 1].value == ']' && !bytes[i + 1].escaped)
            return i;
    return std::string::npos;
}

// tr.c build_spec_list(); false after a message.
bool parse_set(std::string_view text, std::vector<Element>& elements) {
    std::vector<Byte> bytes = unescape(text);
    size_t i = 0;
    while (i < bytes.size()) {
        const Byte& b = bytes[i];
        if (b.value == '[' && !b.escaped && i + 1 < bytes.size()) {
            unsigned char kind = bytes[i + 1].value;
            if ((kind == ':' || kind == '=') && !bytes[i + 1].escaped) {
                size_t close = find_closing(bytes, i + 2, kind);
                if (close != std::string::npos) {
                    std::string name;
                    for (size_t j = i + 2; j < close; ++j)
                        name.push_back(static_cast<char>(bytes[j].value));
                    if (kind == ':') {
                        if (name.empty()) {
                            complain("missing character class name '[::]'");
                            return false;
                        }
                        if (!valid_class(name)) {
                            complain("invalid character class " + quote(name));
                            return false;
                        }
                        Element element;
                        element.kind = Kind::char_class;
                        element.class_name = name;
                        elements.push_back(element);
                    } else {
                        if (name.empty()) {
                            complain("missing equivalence class character '[==]'");
                            return false;
                        }
                        if (name.size() > 1) {
                            complain(name + ": equivalence class operand must be a single character");
                            return false;
                        }
                        Element element;
                        element.kind = Kind::equivalence;
                        element.first = static_cast<unsigned char>(name[0]);
                        elements.push_back(element);
                    }
                    i = close + 2;
                    continue;
                }
            }
            // [c*n] and [c*]
            if (i + 2 < bytes.size() && bytes[i + 2].value == '*' && !bytes[i + 2].escaped) {
                size_t close = std::string::npos;
                for (size_t j = i + 3; j < bytes.size(); ++j) {
                    if (bytes[j].value == ']' && !bytes[j].escaped) {
                        close = j;
                        break;
                    }
                }
                if (close != std::string::npos) {
                    std::string digits;
                    for (size_t j = i + 3; j < close; ++j)
                        digits.push_back(static_cast<char>(bytes[j].value));
                    Element element;
                    element.kind = Kind::repeat;
                    element.first = bytes[i + 1].value;
                    if (digits.empty()) {
                        element.fill = true;
                    } else {
                        int base = digits[0] == '0' ? 8 : 10;
                        uint64_t count = 0;
                        bool valid = true;
                        for (char d : digits) {
                            int value = d - '0';
                            if (d < '0' || d > '9' || value >= base ||
                                count > (UINT64_MAX - static_cast<uint64_t>(value)) / static_cast<uint64_t>(base)) {
                                valid = false;
                                break;
                            }
                            count = count * static_cast<uint64_t>(base) + static_cast<uint64_t>(value);
                        }
                        if (!valid) {
                            complain("invalid repeat count " + quote(digits) + " in [c*n] construct");
                            return false;
                        }
                        element.count = count;
                        element.fill = count == 0;
                    }
                    elements.push_back(element);
                    i = close + 1;
                    continue;
                }
            }
        }
        // A range: c-d.
        if (i + 2 < bytes.size() && bytes[i + 1].value == '-' && !bytes[i + 1].escaped) {
            unsigned char first = b.value;
            unsigned char last = bytes[i + 2].value;
            if (last < first) {
                complain("range-endpoints of '" + printable(first) + "-" + printable(last) +
                         "' are in reverse collating sequence order");
                return false;
            }
            Element element;
            element.kind = Kind::range;
            element.first = first;
            element.last = last;
            elements.push_back(element);
            i += 3;
            continue;
        }
        Element element;
        element.first = b.value;
        elements.push_back(element);
        ++i;
    }
    return true;
}

// One expanded position: the byte, and whether it belongs to a [:lower:]/[:upper:] element
// (and is that element's first byte).
struct Position {
    unsigned char value;
    CaseClass case_class{CaseClass::none};
    bool class_start{false};
};

// Expands elements; a fill repeat gets `fill_count` copies.
std::vector<Position> expand(const std::vector<Element>& elements, uint64_t fill_count) {
    std::vector<Position> out;
    for (const auto& element : elements) {
        switch (element.kind) {
        case Kind::character:
        case Kind::equivalence: out.push_back({element.first}); break;
        case Kind::range:
            for (unsigned c = element.first; c <= element.last; ++c)
                out.push_back({static_cast<unsigned char>(c)});
            break;
        case Kind::char_class: {
            CaseClass case_class = element.class_name == "lower"   ? CaseClass::lower
                                   : element.class_name == "upper" ? CaseClass::upper
                                                                   : CaseClass::none;
            bool start = true;
            for (unsigned c = 0; c < 256; ++c) {
                if (!class_contains(element.class_name, static_cast<unsigned char>(c)))
                    continue;
                out.push_back({static_cast<unsigned char>(c), case_class, start});
                start = false;
            }
            break;
        }
        case Kind::repeat: {
            uint64_t count = element.fill ? fill_count : element.count;
            // More than 256 copies of one byte change nothing a table can express.
            for (uint64_t n = 0; n < count && n < (1u << 20); ++n)
                out.push_back({element.first});
            break;
        }
        }
    }
    return out;
}

uint64_t fixed_length(const std::vector<Element>& elements) {
    uint64_t length = 0;
    for (const auto& element : elements) {
        switch (element.kind) {
        case Kind::character:
        case Kind::equivalence: ++length; break;
        case Kind::range: length += element.last - element.first + 1u; break;
        case Kind::char_class: length += expand({element}, 0).size(); break;
        case Kind::repeat: length += element.fill ? 0 : element.count; break;
        }
    }
    return length;
}

using Table = std::array<bool, 256>;

Table membership(const std::vector<Position>& positions, bool complement) {
    Table table{};
    for (const auto& position : positions)
        table[position.value] = true;
    if (complement)
        for (auto& member : table)
            member = !member;
    return table;
}

struct Plan {
    bool remove{false};
    bool squeeze{false};
    bool translate{false};
    Table deleted{};
    Table squeezed{};
    std::array<unsigned char, 256> map{};
};

// Builds the plan from the sets; false after a message (tr.c validate() and main()).
bool make_plan(const std::vector<Element>& set1, const std::vector<Element>* set2, bool complement, bool remove,
               bool squeeze, bool truncate, Plan& plan) {
    for (const auto& element : set1) {
        if (element.kind == Kind::repeat && element.fill) {
            complain("the [c*] repeat construct may not appear in string1");
            return false;
        }
    }
    bool set1_has_class = false;
    for (const auto& element : set1)
        set1_has_class = set1_has_class || element.kind == Kind::char_class;
    int fills = 0;
    if (set2 != nullptr)
        for (const auto& element : *set2)
            fills += element.kind == Kind::repeat && element.fill;
    if (fills > 1) {
        complain("only one [c*] repeat construct may appear in string2");
        return false;
    }
    plan.remove = remove;
    plan.squeeze = squeeze;
    plan.translate = set2 != nullptr && !remove;
    std::vector<Position> first = expand(set1, 0);
    for (unsigned c = 0; c < 256; ++c)
        plan.map[c] = static_cast<unsigned char>(c);
    if (remove)
        plan.deleted = membership(first, complement);
    if (!plan.translate) {
        if (squeeze) {
            if (remove && set2 != nullptr)
                plan.squeezed = membership(expand(*set2, 0), false);
            else if (!remove)
                plan.squeezed = membership(first, complement);
        }
        return true;
    }
    const std::vector<Element>& second = *set2;
    for (const auto& element : second) {
        if (element.kind == Kind::equivalence) {
            complain("[=c=] expressions may not appear in string2 when translating");
            return false;
        }
        if (element.kind == Kind::char_class && element.class_name != "upper" && element.class_name != "lower") {
            complain("when translating, the only character classes that may appear in\n"
                     "string2 are 'upper' and 'lower'");
            return false;
        }
    }
    // The domain: set1 (complemented: every other byte, ascending).
    std::vector<Position> domain;
    if (complement) {
        Table in_set = membership(first, false);
        for (unsigned c = 0; c < 256; ++c)
            if (!in_set[c])
                domain.push_back({static_cast<unsigned char>(c)});
    } else {
        domain = first;
    }
    uint64_t fixed = fixed_length(second);
    uint64_t fill = domain.size() > fixed ? domain.size() - fixed : 0;
    std::vector<Position> range = expand(second, fill);
    if (complement && set1_has_class) {
        bool homogeneous = true;
        for (const auto& position : range)
            homogeneous = homogeneous && position.value == range.front().value && position.case_class == CaseClass::none;
        if (range.empty() || !homogeneous) {
            complain("when translating with complemented character classes,\n"
                     "string2 must map all characters in the domain to one");
            return false;
        }
    }
    if (truncate && domain.size() > range.size())
        domain.resize(range.size());
    if (domain.size() > range.size()) {
        if (range.empty()) {
            complain("when not truncating set1, string2 must be non-empty");
            return false;
        }
        if (!second.empty() && second.back().kind == Kind::char_class) {
            complain("when translating with string1 longer than string2,\n"
                     "the latter string must not end with a character class");
            return false;
        }
        Position last = range.back();
        last.case_class = CaseClass::none;
        last.class_start = false;
        while (range.size() < domain.size())
            range.push_back(last);
    }
    for (size_t i = 0; i < range.size() && i < domain.size(); ++i) {
        if (range[i].case_class != CaseClass::none && range[i].class_start &&
            !(domain[i].case_class != CaseClass::none && domain[i].class_start)) {
            complain("misaligned [:upper:] and/or [:lower:] construct");
            return false;
        }
    }
    for (size_t i = 0; i < domain.size(); ++i)
        plan.map[domain[i].value] = range[i].value;
    if (squeeze)
        plan.squeezed = membership(range, false);
    return true;
}

int run(const Plan& plan) {
    Output out;
    int last = -1;  // the previous output byte, for squeezing
    std::string block_out;
    int error = read_blocks(0, [&](std::string_view block) {
        block_out.clear();
        for (char raw : block) {
            unsigned char c = static_cast<unsigned char>(raw);
            if (plan.remove && plan.deleted[c])
                continue;
            if (plan.translate)
                c = plan.map[c];
            if (plan.squeeze && plan.squeezed[c] && last == c)
                continue;
            last = c;
            block_out.push_back(static_cast<char>(c));
        }
        return out.write(block_out);
    });
    if (error != 0) {
        out.flush();
        complain(std::string("read error: ") + std::strerror(error));
        return finish(out, k_program, 1);
    }
    return finish(out, k_program, 0);
}

}  // namespace

int tr_main(int argc, char** argv) {
    bool complement = false;
    bool remove = false;
    bool squeeze = false;
    bool truncate = false;
    OptionParser parser(k_program, argc, argv, "+cCdst", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case 'c': case 'C': complement = true; break;
        case 'd': remove = true; break;
        case 's': squeeze = true; break;
        case 't': truncate = true; break;
        case k_help: return print_usage(k_usage);
        case k_version: return print_version(k_program);
        default: return 1;
        }
    }
    const auto& operands = parser.operands();
    size_t count = operands.size();
    size_t minimum = 1 + (remove == squeeze);
    size_t maximum = 1 + (remove <= squeeze);
    if (count < minimum) {
        if (count == 0) {
            complain("missing operand");
        } else {
            complain("missing operand after " + quote(operands.back()));
            write_all(2, squeeze ? "Two strings must be given when both deleting and squeezing repeats.\n"
                                 : "Two strings must be given when translating.\n");
        }
        return try_help(k_program);
    }
    if (count > maximum) {
        complain("extra operand " + quote(operands[maximum]));
        if (count == 2)
            write_all(2, "Only one string may be given when deleting without squeezing repeats.\n");
        return try_help(k_program);
    }
    std::vector<Element> set1;
    std::vector<Element> set2;
    if (!parse_set(operands[0], set1))
        return 1;
    if (count == 2 && !parse_set(operands[1], set2))
        return 1;
    Plan plan;
    if (!make_plan(set1, count == 2 ? &set2 : nullptr, complement, remove, squeeze, truncate, plan))
        return 1;
    return run(plan);
}

}  // namespace toolbox
