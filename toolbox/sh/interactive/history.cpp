// Command history storage: HISTFILE in bash's plain format (no timestamps), one line an entry.
#include "sh/interactive/history.h"

#include <fcntl.h>
#include <unistd.h>

#include "lib/io.h"

namespace sh {

void History::load(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return;
    int error = 0;
    std::string text = toolbox::read_all(fd, error);
    ::close(fd);
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && !(line.size() > 1 && line[0] == '#' && line[1] >= '0' && line[1] <= '9'))
            m_entries.push_back(std::move(line));  // "#1700000000" lines are bash's timestamps
        start = end + 1;
    }
}

bool History::save(const std::string& path, size_t keep) const {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return false;
    std::string text;
    size_t first = m_entries.size() > keep ? m_entries.size() - keep : 0;
    for (size_t i = first; i < m_entries.size(); ++i)
        text += m_entries[i] + "\n";
    bool ok = toolbox::write_all(fd, text);
    return ::close(fd) == 0 && ok;
}

void History::add(std::string_view line, std::string_view control) {
    while (!line.empty() && line.back() == '\n')
        line.remove_suffix(1);
    if (line.find_first_not_of(" \t\n") == std::string_view::npos)
        return;
    bool ignore_space = control.find("ignorespace") != std::string_view::npos ||
                        control.find("ignoreboth") != std::string_view::npos;
    bool ignore_dups = control.find("ignoredups") != std::string_view::npos ||
                       control.find("ignoreboth") != std::string_view::npos;
    if (ignore_space && line.front() == ' ')
        return;
    if (ignore_dups && !m_entries.empty() && m_entries.back() == line)
        return;
    m_entries.emplace_back(line);
}

void History::trim(size_t keep) {
    if (m_entries.size() <= keep)
        return;
    size_t drop = m_entries.size() - keep;
    m_entries.erase(m_entries.begin(), m_entries.begin() + static_cast<long>(drop));
    m_dropped += drop;
}

}  // namespace sh
