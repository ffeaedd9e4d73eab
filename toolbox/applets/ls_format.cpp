// ls's output: -l lines with aligned columns, -C/-x columns (GNU's width search and tab
// indentation), -m, one per line; colours (LS_COLORS or GNU's defaults) and -F/-p indicators.
// Mirrors coreutils 9.1 ls.c: print_long_format, calculate_columns, print_many_per_line,
// print_horizontal, print_with_commas, print_color_indicator, get_type_indicator.
#include <cstdlib>
#include <cstring>
#include <strings.h>

#include "applets/ls.h"
#include "lib/quoting.h"

namespace toolbox::ls {

namespace {

std::string right(const std::string& text, size_t width) {
    return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string left(const std::string& text, size_t width) {
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

// The display width of a name: one column per character (UTF-8 continuation bytes add none).
size_t text_width(const std::string& text) {
    size_t width = 0;
    for (unsigned char c : text)
        width += (c & 0xc0) != 0x80;
    return width;
}

bool outer_quoted(const std::string& shown) { return !shown.empty() && (shown[0] == '\'' || shown[0] == '"'); }

}  // namespace

void Colors::load() {
    const char* spec = std::getenv("LS_COLORS");
    if (!spec || !*spec)
        return;
    std::string_view rest(spec);
    while (!rest.empty()) {
        size_t colon = rest.find(':');
        std::string_view item = rest.substr(0, colon);
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
        size_t equals = item.find('=');
        if (equals == std::string_view::npos)
            continue;
        std::string key(item.substr(0, equals));
        std::string value(item.substr(equals + 1));
        if (key.size() > 1 && key[0] == '*') {
            m_extensions.emplace_back(key.substr(1), value);
            continue;
        }
        if (key == "ln" && value == "target") {
            m_link_as_target = true;
            continue;
        }
        struct Slot {
            const char* key;
            std::string* value;
        };
        const Slot slots[] = {{"fi", &m_normal_file}, {"di", &m_directory}, {"ln", &m_link}, {"pi", &m_fifo},
                              {"so", &m_socket}, {"bd", &m_block}, {"cd", &m_char}, {"mi", &m_missing},
                              {"or", &m_orphan}, {"ex", &m_executable}, {"su", &m_setuid}, {"sg", &m_setgid},
                              {"st", &m_sticky}, {"ow", &m_other_writable}, {"tw", &m_sticky_other_writable}};
        for (const auto& slot : slots)
            if (key == slot.key)
                *slot.value = value;
    }
}

// Mirrors ls.c get_color_indicator(): a link's target is coloured by its own type when ls
// looked at it (-F, or colours that need it), else as an orphan; suffixes only for plain files.
std::string Colors::code_for(const File& file, bool as_target) const {
    if (as_target && !file.target_ok && !m_missing.empty())
        return m_missing;
    if (!file.stat_ok)
        return m_missing;
    bool link_as_target = !as_target && m_link_as_target && file.target_ok;
    mode_t mode = as_target ? (file.target_ok ? file.target_status.st_mode : 0)
                            : link_as_target ? file.target_status.st_mode : file.status.st_mode;
    const std::string& name = as_target ? file.link_target : file.name;
    if (S_ISREG(mode)) {
        if ((mode & S_ISUID) && !m_setuid.empty())
            return m_setuid;
        if ((mode & S_ISGID) && !m_setgid.empty())
            return m_setgid;
        if ((mode & 0111) && !m_executable.empty())
            return m_executable;
        for (auto it = m_extensions.rbegin(); it != m_extensions.rend(); ++it) {
            const std::string& suffix = it->first;
            if (name.size() >= suffix.size() &&
                strncasecmp(name.data() + name.size() - suffix.size(), suffix.data(), suffix.size()) == 0)
                return it->second;
        }
        return m_normal_file;
    }
    if (S_ISDIR(mode)) {
        bool sticky = mode & S_ISVTX;
        bool other_writable = mode & S_IWOTH;
        if (sticky && other_writable && !m_sticky_other_writable.empty())
            return m_sticky_other_writable;
        if (other_writable && !m_other_writable.empty())
            return m_other_writable;
        if (sticky && !m_sticky.empty())
            return m_sticky;
        return m_directory;
    }
    if (S_ISLNK(mode)) {
        bool orphan = !as_target && !file.target_ok && (m_link_as_target || !m_orphan.empty());
        return orphan ? m_orphan : m_link;
    }
    if (is_fifo(mode))
        return m_fifo;
    if (is_socket(mode))
        return m_socket;
    if (S_ISBLK(mode))
        return m_block;
    if (S_ISCHR(mode))
        return m_char;
    return m_orphan;
}

Printer::Printer(const Options& options, Output& out) : m_options(options), m_out(out), m_now(now_realtime()) {
    if (m_options.color)
        m_colors.load();
}

std::string Printer::display_name(const std::string& name) const {
    return m_options.quote_names ? quote_file(name) : name;
}

char Printer::indicator(const struct stat& status, bool stat_ok) const {
    if (m_options.indicators == Indicators::none || !stat_ok)
        return 0;
    mode_t mode = status.st_mode;
    if (S_ISREG(mode))
        return m_options.indicators == Indicators::classify && (mode & 0111) ? '*' : 0;
    if (S_ISDIR(mode))
        return '/';
    if (m_options.indicators == Indicators::slash)
        return 0;  // --file-type goes on: @ | =
    if (S_ISLNK(mode))
        return '@';
    if (is_fifo(mode))
        return '|';
    if (is_socket(mode))
        return '=';
    return 0;
}

void Printer::put_colored(const std::string& text, const std::string& code) {
    if (!m_options.color || code.empty()) {
        m_out.write(text);
        return;
    }
    if (!m_used_color) {
        m_used_color = true;
        m_out.write("\033[0m");
    }
    m_out.write("\033[" + code + "m");
    m_out.write(text);
    m_out.write("\033[0m");
}

// GNU's length_of_file_name_and_frills: inode, name, indicator; plus the space that keeps
// unquoted names in line with quoted ones.
size_t Printer::name_width(const File& file, bool some_quoted) const {
    std::string shown = display_name(file.name);
    size_t width = text_width(shown);
    if (some_quoted && !outer_quoted(shown))
        ++width;
    if (indicator(file.status, file.stat_ok))
        ++width;
    if (m_options.inode)
        width += 1 + (m_options.format == Format::commas ? std::to_string(file.status.st_ino).size() : m_inode_width);
    return width;
}

void Printer::print_name(const File& file, bool some_quoted) {
    if (m_options.inode && m_options.format != Format::long_lines) {
        std::string inode = std::to_string(file.status.st_ino);
        m_out.write(m_options.format == Format::commas ? inode + " " : right(inode, m_inode_width) + " ");
    }
    std::string shown = display_name(file.name);
    if (some_quoted && !outer_quoted(shown))
        m_out.put(' ');
    put_colored(shown, m_options.color ? m_colors.code_for(file, false) : "");
    if (char c = indicator(file.status, file.stat_ok))
        m_out.put(c);
}

void Printer::indent(size_t from, size_t to) {
    while (from < to) {
        size_t tab = m_options.tab_size;
        if (tab != 0 && to / tab > (from + 1) / tab) {
            m_out.put('\t');
            from += tab - from % tab;
        } else {
            m_out.put(' ');
            ++from;
        }
    }
}

void Printer::print(const std::vector<File>& files, bool with_total, const std::vector<File>* sizing) {
    const std::vector<File>& measured = sizing ? *sizing : files;
    m_inode_width = 0;
    for (const auto& file : measured)
        m_inode_width = std::max(m_inode_width, std::to_string(file.status.st_ino).size());
    switch (m_options.format) {
    case Format::long_lines: print_long(files, with_total, measured); break;
    case Format::columns:
    case Format::across:
        if (m_options.line_width == 0)
            print_separated(files, ' ');
        else
            print_columns(files, m_options.format == Format::across);
        break;
    case Format::commas: print_separated(files, ','); break;
    case Format::one_per_line: {
        bool some_quoted = false;
        for (const auto& file : files) {
            print_name(file, some_quoted);
            m_out.put('\n');
        }
        break;
    }
    }
}

Printer::Row Printer::make_row(const File& file) const {
    const struct stat& status = file.status;
    Row row;
    if (!file.stat_ok) {
        row.inode = row.links = row.owner = row.group = row.size = "?";
        row.date = m_options.full_time ? "?" : "           ?";
        return row;
    }
    row.inode = std::to_string(status.st_ino);
    row.links = std::to_string(status.st_nlink);
    row.owner = m_options.numeric_ids ? std::to_string(status.st_uid) : user_name(status.st_uid);
    row.group = m_options.numeric_ids ? std::to_string(status.st_gid) : group_name(status.st_gid);
    if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode)) {
        row.major = std::to_string((status.st_rdev >> 8) & 0xfff);
        row.minor = std::to_string((status.st_rdev & 0xff) | ((status.st_rdev >> 12) & 0xfff00));
    } else {
        row.size = format_size(static_cast<uint64_t>(status.st_size), m_options.sizes);
    }
    timespec when = m_options.time == TimeField::access   ? status.st_atim
                    : m_options.time == TimeField::change ? status.st_ctim
                                                          : status.st_mtim;
    // ls.c: a time in the future may only mean the clock moved on since ls read it.
    if (when.tv_sec > m_now.tv_sec || (when.tv_sec == m_now.tv_sec && when.tv_nsec > m_now.tv_nsec))
        m_now = now_realtime();
    row.date = m_options.full_time ? full_date(when) : ls_date(when, m_now);
    return row;
}

// Column widths come from `measured`: the listing itself, or for command-line operands all of
// them, directories included (GNU measures every operand before setting directories aside).
void Printer::print_long(const std::vector<File>& files, bool with_total, const std::vector<File>& measured) {
    size_t inode_width = 0, links_width = 0, owner_width = 0, group_width = 0, size_width = 0;
    size_t major_width = 0, minor_width = 0;
    bool some_quoted = false;
    for (const auto& file : measured) {
        Row row = make_row(file);
        some_quoted = some_quoted || (m_options.quote_names && outer_quoted(display_name(file.name)));
        inode_width = std::max(inode_width, row.inode.size());
        links_width = std::max(links_width, row.links.size());
        owner_width = std::max(owner_width, row.owner.size());
        group_width = std::max(group_width, row.group.size());
        size_width = std::max(size_width, row.size.size());
        major_width = std::max(major_width, row.major.size());
        minor_width = std::max(minor_width, row.minor.size());
    }
    uint64_t total_blocks = 0;
    std::vector<Row> rows;
    for (const auto& file : files) {
        if (file.stat_ok)
            total_blocks += static_cast<uint64_t>(file.status.st_blocks);
        rows.push_back(make_row(file));
    }
    if (major_width > 0)
        size_width = std::max(size_width, major_width + 2 + minor_width);
    if (with_total) {
        std::string total = m_options.sizes == SizeStyle::bytes
                                ? std::to_string(blocks_of(total_blocks * 512, 1024))
                                : format_size(total_blocks * 512, m_options.sizes);
        m_out.write("total " + total + "\n");
    }
    for (size_t i = 0; i < files.size(); ++i) {
        const File& file = files[i];
        const Row& row = rows[i];
        std::string line;
        if (m_options.inode)
            line += right(row.inode, inode_width) + " ";
        line += file.stat_ok ? mode_string(file.status.st_mode) : "l?????????";
        line += " " + right(row.links, links_width) + " ";
        if (m_options.show_owner)
            line += left(row.owner, owner_width) + " ";
        if (m_options.show_group)
            line += left(row.group, group_width) + " ";
        if (!row.major.empty()) {
            line += right(right(row.major, major_width) + ", " + right(row.minor, minor_width), size_width) + " ";
        } else {
            line += right(row.size, size_width) + " ";
        }
        line += row.date + " ";
        m_out.write(line);
        if (file.stat_ok && S_ISLNK(file.status.st_mode)) {
            std::string shown = display_name(file.name);
            if (some_quoted && !outer_quoted(shown))
                m_out.put(' ');
            put_colored(shown, m_options.color ? m_colors.code_for(file, false) : "");
            m_out.write(" -> ");
            put_colored(display_name(file.link_target), m_options.color ? m_colors.code_for(file, true) : "");
            if (m_options.indicators != Indicators::none && file.target_ok) {
                if (char c = indicator(file.target_status, true))
                    m_out.put(c);
            }
        } else {
            print_name(file, some_quoted);
        }
        m_out.put('\n');
    }
}

// Mirrors ls.c calculate_columns(): the most columns whose widths (each the widest name in it
// plus two spaces, the last without) fit the line.
void Printer::print_columns(const std::vector<File>& files, bool across) {
    size_t count = files.size();
    if (count == 0)
        return;
    bool some_quoted = false;
    if (m_options.quote_names)
        for (const auto& file : files)
            some_quoted = some_quoted || outer_quoted(display_name(file.name));
    std::vector<size_t> widths;
    for (const auto& file : files)
        widths.push_back(name_width(file, some_quoted));
    size_t line_width = m_options.line_width;
    constexpr size_t k_min_column_width = 3;
    size_t max_index = line_width / k_min_column_width + (line_width % k_min_column_width != 0);
    size_t max_columns = max_index > 0 && max_index < count ? max_index : count;
    struct Layout {
        bool valid{true};
        size_t line_length{0};
        std::vector<size_t> column_widths;
    };
    std::vector<Layout> layouts(max_columns);
    for (size_t i = 0; i < max_columns; ++i) {
        layouts[i].line_length = (i + 1) * k_min_column_width;
        layouts[i].column_widths.assign(i + 1, k_min_column_width);
    }
    for (size_t file = 0; file < count; ++file) {
        for (size_t i = 0; i < max_columns; ++i) {
            Layout& layout = layouts[i];
            if (!layout.valid)
                continue;
            size_t index = across ? file % (i + 1) : file / ((count + i) / (i + 1));
            size_t real = widths[file] + (index == i ? 0 : 2);
            if (layout.column_widths[index] < real) {
                layout.line_length += real - layout.column_widths[index];
                layout.column_widths[index] = real;
                layout.valid = layout.line_length < line_width;
            }
        }
    }
    size_t columns = max_columns;
    while (columns > 1 && !layouts[columns - 1].valid)
        --columns;
    const auto& column_widths = layouts[columns - 1].column_widths;
    if (across) {
        size_t position = 0;
        for (size_t file = 0; file < count; ++file) {
            size_t column = file % columns;
            if (file > 0) {
                if (column == 0) {
                    m_out.put('\n');
                    position = 0;
                } else {
                    indent(position + widths[file - 1], position + column_widths[column - 1]);
                    position += column_widths[column - 1];
                }
            }
            print_name(files[file], some_quoted);
        }
        m_out.put('\n');
        return;
    }
    size_t rows = count / columns + (count % columns != 0);
    for (size_t row = 0; row < rows; ++row) {
        size_t column = 0;
        size_t file = row;
        size_t position = 0;
        while (true) {
            print_name(files[file], some_quoted);
            size_t width = column_widths[column++];
            size_t printed = widths[file];
            file += rows;
            if (file >= count)
                break;
            indent(position + printed, position + width);
            position += width;
        }
        m_out.put('\n');
    }
}

// ls.c print_with_separator(): -m, and -C/-x with -w 0 (everything on one line).
void Printer::print_separated(const std::vector<File>& files, char separator_char) {
    size_t line_width = m_options.line_width;
    size_t position = 0;
    for (size_t i = 0; i < files.size(); ++i) {
        size_t width = line_width ? name_width(files[i], false) : 0;
        if (i > 0) {
            char separator = '\n';
            if (line_width == 0 || position + width + 2 < line_width) {
                position += 2;
                separator = ' ';
            } else {
                position = 0;
            }
            m_out.put(separator_char);
            m_out.put(separator);
        }
        print_name(files[i], false);
        position += name_width(files[i], false);
    }
    if (!files.empty())
        m_out.put('\n');
}

}  // namespace toolbox::ls
