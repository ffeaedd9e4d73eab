// ls.h — what ls.cpp (options, operands, directory walking, sorting) and ls_format.cpp (long
// lines, columns, colours, indicators) share: the options and one listed file.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "lib/file_info.h"
#include "lib/output.h"

namespace toolbox::ls {

enum class Format { one_per_line, columns, across, long_lines, commas };
enum class Sort { name, time, size, none, extension };
enum class TimeField { modification, access, change };
enum class Indicators { none, slash, file_type, classify };
enum class Hidden { skip, all, almost_all };

struct Options {
    Format format{Format::one_per_line};
    Sort sort{Sort::name};
    TimeField time{TimeField::modification};
    Indicators indicators{Indicators::none};
    Hidden hidden{Hidden::skip};
    SizeStyle sizes{SizeStyle::bytes};
    bool reverse{false};
    bool recursive{false};
    bool directories_as_files{false};  // -d
    bool inode{false};
    bool numeric_ids{false};
    bool show_owner{true};
    bool show_group{true};
    bool full_time{false};
    bool dereference{false};  // -L
    bool color{false};
    bool quote_names{false};  // on a terminal: shell-escape quoting (GNU's default there)
    bool ignore_backups{false};
    bool check_link_targets{false};  // colours that depend on what a link points to
    size_t line_width{80};
    size_t tab_size{8};
};

struct File {
    std::string name;   // as shown: the operand, or the entry's name inside its directory
    std::string path;   // what to stat and read
    struct stat status {};
    bool stat_ok{false};
    bool operand{false};
    // Symbolic links: the target's text and, when it resolves, its status.
    std::string link_target;
    struct stat target_status {};
    bool target_ok{false};
};

// The colours from LS_COLORS, or GNU's built-in defaults.
class Colors final {
public:
    void load();
    // The SGR sequence ("01;34") for a file, "" for none; `as_target` for a -l link target.
    std::string code_for(const File& file, bool as_target) const;
    // ls.c's check_symlink_mode: whether these colours need the status of link targets.
    bool needs_link_targets(bool long_format) const {
        return !m_orphan.empty() || (!m_executable.empty() && m_link_as_target) || (!m_missing.empty() && long_format);
    }

private:
    std::string m_normal_file, m_directory{"01;34"}, m_link{"01;36"}, m_fifo{"33"}, m_socket{"01;35"},
        m_block{"01;33"}, m_char{"01;33"}, m_missing, m_orphan, m_executable{"01;32"}, m_setuid{"37;41"},
        m_setgid{"30;43"}, m_sticky{"37;44"}, m_other_writable{"34;42"}, m_sticky_other_writable{"30;42"};
    bool m_link_as_target{false};
    std::vector<std::pair<std::string, std::string>> m_extensions;  // "*.tar" → code
};

// Writes one listing (the files of a directory, or the file operands) in the chosen format.
class Printer final {
public:
    Printer(const Options& options, Output& out);
    // `sizing`: the files that set the column widths, when more than those printed.
    void print(const std::vector<File>& files, bool with_total, const std::vector<File>* sizing = nullptr);

private:
    struct Row {
        std::string inode, links, owner, group, size, major, minor, date;
    };
    Row make_row(const File& file) const;
    std::string display_name(const std::string& name) const;
    char indicator(const struct stat& status, bool stat_ok) const;
    void put_colored(const std::string& text, const std::string& code);
    size_t name_width(const File& file, bool some_quoted) const;
    void print_name(const File& file, bool some_quoted);
    void print_long(const std::vector<File>& files, bool with_total, const std::vector<File>& measured);
    void print_columns(const std::vector<File>& files, bool across);
    void print_separated(const std::vector<File>& files, char separator);
    void indent(size_t from, size_t to);

    const Options& m_options;
    Output& m_out;
    Colors m_colors;
    bool m_used_color{false};
    size_t m_inode_width{0};
    mutable timespec m_now{};  // refreshed when a file's time is later (ls.c does the same)
};

}  // namespace toolbox::ls
