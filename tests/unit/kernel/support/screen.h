// screen.h — a terminal screen for tests: PTY output is fed to libvterm, and tests assert on
// what a user would see (row text, cursor position), not on escape sequences.
// Thread safety: feed() may be called from the shell's output thread while a test polls the
// screen; one mutex serializes both.
#pragma once

#include <vterm.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <thread>

namespace secure_exec::testing {

class Screen {
public:
    Screen(int rows = 24, int columns = 80) : m_rows(rows), m_columns(columns) {
        m_vterm = vterm_new(rows, columns);
        vterm_set_utf8(m_vterm, 1);
        m_screen = vterm_obtain_screen(m_vterm);
        vterm_screen_reset(m_screen, 1);
    }
    ~Screen() { vterm_free(m_vterm); }
    Screen(const Screen&) = delete;
    Screen& operator=(const Screen&) = delete;

    void feed(std::span<const std::byte> bytes) {
        std::lock_guard lock(m_mutex);
        vterm_input_write(m_vterm, reinterpret_cast<const char*>(bytes.data()), bytes.size());
        m_raw.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }

    // Row text with trailing blanks removed.
    std::string row(int index) const {
        std::lock_guard lock(m_mutex);
        return row_locked(index);
    }

    // Every row joined with '\n', trailing empty rows dropped.
    std::string text() const {
        std::lock_guard lock(m_mutex);
        std::string all;
        int last = -1;
        for (int r = 0; r < m_rows; ++r)
            if (!row_locked(r).empty())
                last = r;
        for (int r = 0; r <= last; ++r) {
            all += row_locked(r);
            if (r != last)
                all += '\n';
        }
        return all;
    }

    std::pair<int, int> cursor() const {  // {row, column}
        std::lock_guard lock(m_mutex);
        VTermPos position{};
        vterm_state_get_cursorpos(vterm_obtain_state(m_vterm), &position);
        return {position.row, position.col};
    }

    std::string raw() const {
        std::lock_guard lock(m_mutex);
        return m_raw;
    }

    // Polls until `predicate(screen)` holds or timeout_ms passes.
    bool wait_for(const std::function<bool(const Screen&)>& predicate, int timeout_ms = 10000) const {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (std::chrono::steady_clock::now() < deadline) {
            if (predicate(*this))
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return predicate(*this);
    }

    bool wait_for_text(const std::string& needle, int timeout_ms = 10000) const {
        return wait_for([&](const Screen& screen) { return screen.text().find(needle) != std::string::npos; },
                        timeout_ms);
    }

private:
    std::string row_locked(int index) const {
        std::string text;
        for (int column = 0; column < m_columns; ++column) {
            VTermScreenCell cell{};
            vterm_screen_get_cell(m_screen, VTermPos{index, column}, &cell);
            if (cell.chars[0] == 0) {
                text.push_back(' ');
                continue;
            }
            for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; ++i)
                append_utf8(text, cell.chars[i]);
            if (cell.width > 1)
                column += cell.width - 1;
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        return text;
    }

    static void append_utf8(std::string& out, uint32_t code) {
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (code >> 18)));
            out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    const int m_rows;
    const int m_columns;
    VTerm* m_vterm{nullptr};
    VTermScreen* m_screen{nullptr};
    mutable std::mutex m_mutex;
    std::string m_raw;
};

}  // namespace secure_exec::testing
