// stty, as GNU coreutils: prints the terminal's settings (the ones that differ from "sane", all
// of them with -a, or -g's restorable form) or changes them: flags (echo, -icanon, ...), the
// combinations (raw, cooked, sane, cbreak, nl, evenp, ek, ...), special characters (intr ^C,
// eof undef), min/time, rows/cols, speeds, and a -g string given back. Arguments are checked
// before the device is touched, as GNU does; a non-terminal gives "Inappropriate ioctl for
// device". Works through tcgetattr/tcsetattr and the window-size calls of toolbox/sys.
// applet: stty stty_main
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <sx/posix.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: stty [-F DEVICE | --file=DEVICE] [SETTING]...\n"
    "  or:  stty [-F DEVICE | --file=DEVICE] [-a|--all]\n"
    "  or:  stty [-F DEVICE | --file=DEVICE] [-g|--save]\n"
    "Print or change terminal characteristics.\n"
    "\n"
    "Mandatory arguments to long options are mandatory for short options too.\n"
    "  -a, --all          print all current settings in human-readable form\n"
    "  -g, --save         print all current settings in a stty-readable form\n"
    "  -F, --file=DEVICE  open and use the specified DEVICE instead of stdin\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n"
    "\n"
    "Optional - before SETTING indicates negation.  An * marks non-POSIX\n"
    "settings.  The underlying system defines which settings are available.\n";

// Linux's values for the flags toolbox/sys's termios.h leaves out.
constexpr tcflag_t k_cmspar = 010000000000, k_crtscts = 020000000000;
constexpr tcflag_t k_ofill = 0100, k_ofdel = 0200, k_nldly = 0400, k_crdly = 03000, k_tabdly = 014000,
                   k_bsdly = 020000, k_vtdly = 040000, k_ffdly = 0100000;
constexpr tcflag_t k_xcase = 04, k_flusho = 010000, k_pendin = 040000, k_extproc = 0200000;
constexpr int k_vdisable = 0;

enum class Group { control, input, output, local, combination };
enum : unsigned { k_sane_set = 1, k_sane_unset = 2, k_rev = 4, k_omit = 8 };

struct Mode {
    std::string_view name;
    Group group;
    unsigned flags;
    tcflag_t bits;
    tcflag_t mask;
};

constexpr Mode k_modes[] = {
    {"parenb", Group::control, k_rev, PARENB, 0},
    {"parodd", Group::control, k_rev, PARODD, 0},
    {"cmspar", Group::control, k_rev, k_cmspar, 0},
    {"cs5", Group::control, 0, CS5, CSIZE},
    {"cs6", Group::control, 0, CS6, CSIZE},
    {"cs7", Group::control, 0, CS7, CSIZE},
    {"cs8", Group::control, 0, CS8, CSIZE},
    {"hupcl", Group::control, k_rev, HUPCL, 0},
    {"hup", Group::control, k_rev | k_omit, HUPCL, 0},
    {"cstopb", Group::control, k_rev, CSTOPB, 0},
    {"cread", Group::control, k_sane_set | k_rev, CREAD, 0},
    {"clocal", Group::control, k_rev, CLOCAL, 0},
    {"crtscts", Group::control, k_rev, k_crtscts, 0},
    {"ignbrk", Group::input, k_sane_unset | k_rev, IGNBRK, 0},
    {"brkint", Group::input, k_sane_set | k_rev, BRKINT, 0},
    {"ignpar", Group::input, k_rev, IGNPAR, 0},
    {"parmrk", Group::input, k_rev, PARMRK, 0},
    {"inpck", Group::input, k_rev, INPCK, 0},
    {"istrip", Group::input, k_rev, ISTRIP, 0},
    {"inlcr", Group::input, k_sane_unset | k_rev, INLCR, 0},
    {"igncr", Group::input, k_sane_unset | k_rev, IGNCR, 0},
    {"icrnl", Group::input, k_sane_set | k_rev, ICRNL, 0},
    {"ixon", Group::input, k_rev, IXON, 0},
    {"ixoff", Group::input, k_sane_unset | k_rev, IXOFF, 0},
    {"tandem", Group::input, k_rev | k_omit, IXOFF, 0},
    {"iuclc", Group::input, k_sane_unset | k_rev, IUCLC, 0},
    {"ixany", Group::input, k_sane_unset | k_rev, IXANY, 0},
    {"imaxbel", Group::input, k_sane_set | k_rev, IMAXBEL, 0},
    {"iutf8", Group::input, k_sane_unset | k_rev, IUTF8, 0},
    {"opost", Group::output, k_sane_set | k_rev, OPOST, 0},
    {"olcuc", Group::output, k_sane_unset | k_rev, OLCUC, 0},
    {"ocrnl", Group::output, k_sane_unset | k_rev, OCRNL, 0},
    {"onlcr", Group::output, k_sane_set | k_rev, ONLCR, 0},
    {"onocr", Group::output, k_sane_unset | k_rev, ONOCR, 0},
    {"onlret", Group::output, k_sane_unset | k_rev, ONLRET, 0},
    {"ofill", Group::output, k_sane_unset | k_rev, k_ofill, 0},
    {"ofdel", Group::output, k_sane_unset | k_rev, k_ofdel, 0},
    {"nl1", Group::output, k_sane_unset, 0400, k_nldly},
    {"nl0", Group::output, k_sane_set, 0, k_nldly},
    {"cr3", Group::output, k_sane_unset, 03000, k_crdly},
    {"cr2", Group::output, k_sane_unset, 02000, k_crdly},
    {"cr1", Group::output, k_sane_unset, 01000, k_crdly},
    {"cr0", Group::output, k_sane_set, 0, k_crdly},
    {"tab3", Group::output, k_sane_unset, 014000, k_tabdly},
    {"tab2", Group::output, k_sane_unset, 010000, k_tabdly},
    {"tab1", Group::output, k_sane_unset, 04000, k_tabdly},
    {"tab0", Group::output, k_sane_set, 0, k_tabdly},
    {"bs1", Group::output, k_sane_unset, 020000, k_bsdly},
    {"bs0", Group::output, k_sane_set, 0, k_bsdly},
    {"vt1", Group::output, k_sane_unset, 040000, k_vtdly},
    {"vt0", Group::output, k_sane_set, 0, k_vtdly},
    {"ff1", Group::output, k_sane_unset, 0100000, k_ffdly},
    {"ff0", Group::output, k_sane_set, 0, k_ffdly},
    {"isig", Group::local, k_sane_set | k_rev, ISIG, 0},
    {"icanon", Group::local, k_sane_set | k_rev, ICANON, 0},
    {"iexten", Group::local, k_sane_set | k_rev, IEXTEN, 0},
    {"echo", Group::local, k_sane_set | k_rev, ECHO, 0},
    {"echoe", Group::local, k_sane_set | k_rev, ECHOE, 0},
    {"crterase", Group::local, k_rev | k_omit, ECHOE, 0},
    {"echok", Group::local, k_sane_set | k_rev, ECHOK, 0},
    {"echonl", Group::local, k_sane_unset | k_rev, ECHONL, 0},
    {"noflsh", Group::local, k_sane_unset | k_rev, NOFLSH, 0},
    {"xcase", Group::local, k_sane_unset | k_rev, k_xcase, 0},
    {"tostop", Group::local, k_sane_unset | k_rev, TOSTOP, 0},
    {"echoprt", Group::local, k_sane_unset | k_rev, ECHOPRT, 0},
    {"prterase", Group::local, k_rev | k_omit, ECHOPRT, 0},
    {"echoctl", Group::local, k_sane_set | k_rev, ECHOCTL, 0},
    {"ctlecho", Group::local, k_rev | k_omit, ECHOCTL, 0},
    {"echoke", Group::local, k_sane_set | k_rev, ECHOKE, 0},
    {"crtkill", Group::local, k_rev | k_omit, ECHOKE, 0},
    {"flusho", Group::local, k_sane_unset | k_rev, k_flusho, 0},
    {"pendin", Group::local, k_rev | k_omit, k_pendin, 0},
    {"extproc", Group::local, k_sane_unset | k_rev, k_extproc, 0},
    {"evenp", Group::combination, k_rev | k_omit, 0, 0},
    {"parity", Group::combination, k_rev | k_omit, 0, 0},
    {"oddp", Group::combination, k_rev | k_omit, 0, 0},
    {"nl", Group::combination, k_rev | k_omit, 0, 0},
    {"ek", Group::combination, k_omit, 0, 0},
    {"sane", Group::combination, k_omit, 0, 0},
    {"cooked", Group::combination, k_rev | k_omit, 0, 0},
    {"raw", Group::combination, k_rev | k_omit, 0, 0},
    {"pass8", Group::combination, k_rev | k_omit, 0, 0},
    {"litout", Group::combination, k_rev | k_omit, 0, 0},
    {"cbreak", Group::combination, k_rev | k_omit, 0, 0},
    {"decctlq", Group::combination, k_rev | k_omit, 0, 0},
    {"tabs", Group::combination, k_rev | k_omit, 0, 0},
    {"lcase", Group::combination, k_rev | k_omit, 0, 0},
    {"LCASE", Group::combination, k_rev | k_omit, 0, 0},
    {"crt", Group::combination, k_omit, 0, 0},
    {"dec", Group::combination, k_omit, 0, 0},
};

struct Control {
    std::string_view name;
    unsigned char sane;
    int index;
};

constexpr Control k_controls[] = {
    {"intr", 3, VINTR},     {"quit", 28, VQUIT},   {"erase", 127, VERASE}, {"kill", 21, VKILL},
    {"eof", 4, VEOF},       {"eol", 0, VEOL},      {"eol2", 0, VEOL2},     {"swtch", 0, VSWTC},
    {"start", 17, VSTART},  {"stop", 19, VSTOP},   {"susp", 26, VSUSP},   {"rprnt", 18, VREPRINT},
    {"werase", 23, VWERASE}, {"lnext", 22, VLNEXT}, {"discard", 15, VDISCARD}, {"min", 1, VMIN},
    {"time", 0, VTIME},
};

struct Speed {
    std::string_view name;
    speed_t code;
    unsigned long baud;
};

constexpr Speed k_speeds[] = {
    {"0", 0, 0},           {"50", 1, 50},           {"75", 2, 75},           {"110", 3, 110},
    {"134", 4, 134},       {"134.5", 4, 134},       {"150", 5, 150},         {"200", 6, 200},
    {"300", 7, 300},       {"600", 8, 600},         {"1200", 9, 1200},       {"1800", 10, 1800},
    {"2400", 11, 2400},    {"4800", 12, 4800},      {"9600", 13, 9600},      {"19200", 14, 19200},
    {"exta", 14, 19200},   {"38400", 15, 38400},    {"extb", 15, 38400},     {"57600", 010001, 57600},
    {"115200", 010002, 115200}, {"230400", 010003, 230400}, {"460800", 010004, 460800},
    {"500000", 010005, 500000}, {"576000", 010006, 576000}, {"921600", 010007, 921600},
    {"1000000", 010010, 1000000}, {"1152000", 010011, 1152000}, {"1500000", 010012, 1500000},
    {"2000000", 010013, 2000000}, {"2500000", 010014, 2500000}, {"3000000", 010015, 3000000},
    {"3500000", 010016, 3500000}, {"4000000", 010017, 4000000},
};

const Speed* find_speed(std::string_view name) {
    for (const auto& speed : k_speeds)
        if (speed.name == name)
            return &speed;
    return nullptr;
}

unsigned long baud_of(speed_t code) {
    for (const auto& speed : k_speeds)
        if (speed.code == code)
            return speed.baud;
    return 0;
}

tcflag_t* flags_of(Group group, termios& mode) {
    switch (group) {
    case Group::control: return &mode.c_cflag;
    case Group::input: return &mode.c_iflag;
    case Group::output: return &mode.c_oflag;
    case Group::local: return &mode.c_lflag;
    default: return nullptr;
    }
}

// Output wrapped at the screen width, as GNU's wrapf().
class Wrapper {
public:
    explicit Wrapper(int columns) : m_columns(columns) {}
    void item(const std::string& text) {
        if (m_column > 0) {
            if (m_columns - m_column < static_cast<int>(text.size())) {
                m_out.push_back('\n');
                m_column = 0;
            } else {
                m_out.push_back(' ');
                ++m_column;
            }
        }
        m_out += text;
        m_column += static_cast<int>(text.size());
    }
    void newline() {
        m_out.push_back('\n');
        m_column = 0;
    }
    int column() const { return m_column; }
    void reset() { m_column = 0; }
    const std::string& text() const { return m_out; }

private:
    int m_columns;
    int m_column{0};
    std::string m_out;
};

std::string visible(unsigned char c) {
    if (c == k_vdisable)
        return "<undef>";
    std::string text;
    if (c >= 128) {
        text = "M-";
        c -= 128;
    }
    if (c < 32)
        text += std::string("^") + static_cast<char>(c + 64);
    else if (c == 127)
        text += "^?";
    else
        text.push_back(static_cast<char>(c));
    return text;
}

std::string speed_text(const termios& mode, bool fancy) {
    unsigned long in = baud_of(cfgetispeed(&mode)), out = baud_of(cfgetospeed(&mode));
    if (cfgetispeed(&mode) == 0 || in == out)
        return fancy ? "speed " + std::to_string(out) + " baud;" : std::to_string(out);
    return fancy ? "ispeed " + std::to_string(in) + " baud; ospeed " + std::to_string(out) + " baud;"
                 : std::to_string(in) + " " + std::to_string(out);
}

void display_all(Wrapper& out, termios& mode, int fd) {
    out.item(speed_text(mode, true));
    secure_exec_winsize size{};
    if (sx_get_winsize(fd, &size) == 0)
        out.item("rows " + std::to_string(size.rows) + "; columns " + std::to_string(size.columns) + ";");
    out.item("line = " + std::to_string(mode.c_line) + ";");
    out.newline();
    for (const auto& control : k_controls) {
        if (control.name == "min")
            break;
        out.item(std::string(control.name) + " = " + visible(mode.c_cc[control.index]) + ";");
    }
    out.item("min = " + std::to_string(mode.c_cc[VMIN]) + "; time = " + std::to_string(mode.c_cc[VTIME]) + ";");
    if (out.column() != 0)
        out.newline();
    Group previous = Group::control;
    for (const auto& entry : k_modes) {
        if (entry.flags & k_omit)
            continue;
        if (entry.group != previous) {
            out.newline();
            previous = entry.group;
        }
        tcflag_t mask = entry.mask ? entry.mask : entry.bits;
        if ((*flags_of(entry.group, mode) & mask) == entry.bits)
            out.item(std::string(entry.name));
        else if (entry.flags & k_rev)
            out.item("-" + std::string(entry.name));
    }
    out.newline();
}

void display_changed(Wrapper& out, termios& mode) {
    out.item(speed_text(mode, true));
    out.item("line = " + std::to_string(mode.c_line) + ";");
    out.newline();
    bool empty = true;
    for (const auto& control : k_controls) {
        if (control.name == "min")
            break;
        if (mode.c_cc[control.index] == control.sane)
            continue;
        empty = false;
        out.item(std::string(control.name) + " = " + visible(mode.c_cc[control.index]) + ";");
    }
    if ((mode.c_lflag & ICANON) == 0) {
        out.item("min = " + std::to_string(mode.c_cc[VMIN]) + "; time = " + std::to_string(mode.c_cc[VTIME]) + ";");
        out.newline();
    } else if (!empty) {
        out.newline();
    }
    out.reset();
    empty = true;
    Group previous = Group::control;
    for (const auto& entry : k_modes) {
        if (entry.flags & k_omit)
            continue;
        if (entry.group != previous) {
            if (!empty) {
                out.newline();
                empty = true;
            }
            previous = entry.group;
        }
        tcflag_t mask = entry.mask ? entry.mask : entry.bits;
        if ((*flags_of(entry.group, mode) & mask) == entry.bits) {
            if (entry.flags & k_sane_unset) {
                out.item(std::string(entry.name));
                empty = false;
            }
        } else if ((entry.flags & (k_sane_set | k_rev)) == (k_sane_set | k_rev)) {
            out.item("-" + std::string(entry.name));
            empty = false;
        }
    }
    if (!empty)
        out.newline();
}

std::string save_text(const termios& mode) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%x:%x:%x:%x", mode.c_iflag, mode.c_oflag, mode.c_cflag, mode.c_lflag);
    std::string text = buffer;
    for (int i = 0; i < NCCS; ++i) {
        std::snprintf(buffer, sizeof buffer, ":%x", mode.c_cc[i]);
        text += buffer;
    }
    return text + "\n";
}

// A -g string: four flag words and NCCS characters, in hex.
bool parse_saved(std::string_view text, termios& mode) {
    std::vector<unsigned long> values;
    size_t start = 0;
    while (start <= text.size()) {
        size_t colon = text.find(':', start);
        std::string field(text.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        if (field.empty() || field.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
            return false;
        values.push_back(std::strtoul(field.c_str(), nullptr, 16));
        if (colon == std::string_view::npos)
            break;
        start = colon + 1;
    }
    if (values.size() != 4 + NCCS)
        return false;
    for (size_t i = 4; i < values.size(); ++i)
        if (values[i] > 255)
            return false;
    mode.c_iflag = static_cast<tcflag_t>(values[0]);
    mode.c_oflag = static_cast<tcflag_t>(values[1]);
    mode.c_cflag = static_cast<tcflag_t>(values[2]);
    mode.c_lflag = static_cast<tcflag_t>(values[3]);
    for (int i = 0; i < NCCS; ++i)
        mode.c_cc[i] = static_cast<cc_t>(values[4 + static_cast<size_t>(i)]);
    return true;
}

void set_combination(std::string_view name, bool reversed, termios& mode) {
    if (name == "evenp" || name == "parity") {
        if (reversed)
            mode.c_cflag = (mode.c_cflag & ~PARENB & ~CSIZE) | CS8;
        else
            mode.c_cflag = (mode.c_cflag & ~PARODD & ~CSIZE) | PARENB | CS7;
    } else if (name == "oddp") {
        if (reversed)
            mode.c_cflag = (mode.c_cflag & ~PARENB & ~CSIZE) | CS8;
        else
            mode.c_cflag = (mode.c_cflag & ~CSIZE) | CS7 | PARODD | PARENB;
    } else if (name == "nl") {
        if (reversed) {
            mode.c_iflag = (mode.c_iflag | ICRNL) & ~INLCR & ~IGNCR;
            mode.c_oflag = (mode.c_oflag | ONLCR) & ~OCRNL & ~ONLRET;
        } else {
            mode.c_iflag &= ~ICRNL;
            mode.c_oflag &= ~ONLCR;
        }
    } else if (name == "ek") {
        mode.c_cc[VERASE] = 127;
        mode.c_cc[VKILL] = 21;
    } else if (name == "sane") {
        for (const auto& control : k_controls)
            mode.c_cc[control.index] = control.sane;
        for (const auto& entry : k_modes) {
            tcflag_t* flags = flags_of(entry.group, mode);
            if (!flags)
                continue;
            if (entry.flags & k_sane_set)
                *flags = (*flags & ~entry.mask) | entry.bits;
            else if (entry.flags & k_sane_unset)
                *flags = *flags & ~entry.mask & ~entry.bits;
        }
    } else if (name == "raw" || name == "cooked") {
        if ((name == "raw") == reversed) {
            mode.c_iflag |= BRKINT | IGNPAR | ISTRIP | ICRNL | IXON;
            mode.c_oflag |= OPOST;
            mode.c_lflag |= ISIG | ICANON;
        } else {
            mode.c_iflag = 0;
            mode.c_oflag &= ~OPOST;
            mode.c_lflag &= ~(ISIG | ICANON | k_xcase);
            mode.c_cc[VMIN] = 1;
            mode.c_cc[VTIME] = 0;
        }
    } else if (name == "pass8" || name == "litout") {
        if (reversed) {
            mode.c_cflag = (mode.c_cflag & ~CSIZE) | CS7 | PARENB;
            mode.c_iflag |= ISTRIP;
            if (name == "litout")
                mode.c_oflag |= OPOST;
        } else {
            mode.c_cflag = (mode.c_cflag & ~PARENB & ~CSIZE) | CS8;
            mode.c_iflag &= ~ISTRIP;
            if (name == "litout")
                mode.c_oflag &= ~OPOST;
        }
    } else if (name == "cbreak") {
        mode.c_lflag = reversed ? mode.c_lflag | ICANON : mode.c_lflag & ~ICANON;
    } else if (name == "decctlq") {
        mode.c_iflag = reversed ? mode.c_iflag | IXANY : mode.c_iflag & ~IXANY;
    } else if (name == "tabs") {
        mode.c_oflag = (mode.c_oflag & ~k_tabdly) | (reversed ? 014000 : 0);
    } else if (name == "lcase" || name == "LCASE") {
        if (reversed) {
            mode.c_lflag &= ~k_xcase;
            mode.c_iflag &= ~IUCLC;
            mode.c_oflag &= ~OLCUC;
        } else {
            mode.c_lflag |= k_xcase;
            mode.c_iflag |= IUCLC;
            mode.c_oflag |= OLCUC;
        }
    } else if (name == "crt") {
        mode.c_lflag |= ECHOE | ECHOCTL | ECHOKE;
    } else if (name == "dec") {
        mode.c_cc[VINTR] = 3;
        mode.c_cc[VERASE] = 127;
        mode.c_cc[VKILL] = 21;
        mode.c_lflag |= ECHOE | ECHOCTL | ECHOKE;
        mode.c_iflag &= ~IXANY;
    }
}

// integer_arg(): a decimal number up to `maximum`, or the message.
std::optional<unsigned long> integer_argument(std::string_view text, unsigned long maximum) {
    std::string copy(text);
    char* end = nullptr;
    errno = 0;
    unsigned long long value = std::strtoull(copy.c_str(), &end, 10);
    bool digits = !copy.empty() && copy[0] >= '0' && copy[0] <= '9';
    if (!digits || *end != '\0') {
        write_all(2, "stty: invalid integer argument: " + quote(text) + "\n");
        return std::nullopt;
    }
    if (errno == ERANGE || value > maximum) {
        write_all(2, "stty: invalid integer argument: " + quote(text) + ": " + strerror_gnu(ERANGE) + "\n");
        return std::nullopt;
    }
    return static_cast<unsigned long>(value);
}

std::optional<unsigned char> control_value(const Control& control, std::string_view text) {
    if (control.name == "min" || control.name == "time") {
        auto value = integer_argument(text, 255);
        return value ? std::optional<unsigned char>(static_cast<unsigned char>(*value)) : std::nullopt;
    }
    if (text.size() <= 1)
        return text.empty() ? 0 : static_cast<unsigned char>(text[0]);
    if (text == "^-" || text == "undef")
        return static_cast<unsigned char>(k_vdisable);
    if (text[0] == '^')
        return text[1] == '?' ? 127 : static_cast<unsigned char>(text[1] & ~0140);
    auto value = integer_argument(text, 255);
    return value ? std::optional<unsigned char>(static_cast<unsigned char>(*value)) : std::nullopt;
}

int invalid_argument(std::string_view word) {
    write_all(2, "stty: invalid argument " + quote(word) + "\n");
    return try_help("stty");
}

int missing_argument(std::string_view word) {
    write_all(2, "stty: missing argument to " + quote(word) + "\n");
    return try_help("stty");
}

struct Device {
    int fd{0};
    std::string name{"standard input"};
};

// One pass over the settings: with `checking` it only validates them (GNU's first pass, before
// the device is opened); otherwise it changes `mode`, the window size, and collects what
// "size" and "speed" print. Each step returns 0, or the exit status after a message.
class Applier {
public:
    Applier(bool checking, const std::vector<std::string_view>& words, termios& mode, const Device& device)
        : m_checking(checking), m_words(words), m_mode(mode), m_device(device) {}

    int run() {
        for (m_at = 0; m_at < m_words.size(); ++m_at)
            if (int status = apply(m_words[m_at]); status != 0)
                return status;
        return 0;
    }
    bool window_changed() const { return m_window_changed; }
    secure_exec_winsize& size() { return m_size; }
    const std::string& output() const { return m_output; }

private:
    int apply(std::string_view word);
    int apply_mode(const Mode& entry, std::string_view name, bool reversed);
    int apply_control(const Control& control, std::string_view word);
    int apply_speed(std::string_view name, std::string_view word);
    int apply_number(std::string_view name, std::string_view word);
    int report(std::string_view name);
    std::optional<std::string_view> argument() {
        if (m_at + 1 >= m_words.size())
            return std::nullopt;
        return m_words[++m_at];
    }
    void set_speed(const Speed& speed) {
        m_mode.c_cflag = (m_mode.c_cflag & ~CBAUD) | speed.code;
        m_mode.c_ispeed = m_mode.c_ospeed = speed.code;
    }

    bool m_checking;
    const std::vector<std::string_view>& m_words;
    termios& m_mode;
    const Device& m_device;
    size_t m_at{0};
    bool m_window_changed{false};
    secure_exec_winsize m_size{};
    std::string m_output;
};

int Applier::apply(std::string_view word) {
    bool reversed = word.starts_with('-');
    std::string_view name = reversed ? word.substr(1) : word;
    for (const auto& entry : k_modes) {
        if (entry.name != name)
            continue;
        if (reversed && !(entry.flags & k_rev))
            return invalid_argument(word);
        return apply_mode(entry, name, reversed);
    }
    if (reversed)
        return invalid_argument(word);
    for (const auto& control : k_controls)
        if (control.name == name)
            return apply_control(control, word);
    if (name == "ispeed" || name == "ospeed")
        return apply_speed(name, word);
    if (name == "rows" || name == "cols" || name == "columns" || name == "line")
        return apply_number(name, word);
    if (name == "size" || name == "speed")
        return m_checking ? 0 : report(name);
    if (const Speed* speed = find_speed(name)) {
        if (!m_checking)
            set_speed(*speed);
        return 0;
    }
    termios saved = m_mode;
    if (parse_saved(name, saved)) {
        if (!m_checking)
            m_mode = saved;
        return 0;
    }
    return invalid_argument(word);
}

int Applier::apply_mode(const Mode& entry, std::string_view name, bool reversed) {
    if (m_checking)
        return 0;
    if (entry.group == Group::combination) {
        set_combination(name, reversed, m_mode);
        return 0;
    }
    tcflag_t* flags = flags_of(entry.group, m_mode);
    *flags &= ~entry.mask;
    *flags = reversed ? *flags & ~entry.bits : *flags | entry.bits;
    return 0;
}

int Applier::apply_control(const Control& control, std::string_view word) {
    auto text = argument();
    if (!text)
        return missing_argument(word);
    auto value = control_value(control, *text);
    if (!value)
        return 1;
    if (!m_checking)
        m_mode.c_cc[control.index] = *value;
    return 0;
}

int Applier::apply_speed(std::string_view name, std::string_view word) {
    auto text = argument();
    if (!text)
        return missing_argument(word);
    if (m_checking)
        return 0;
    const Speed* speed = find_speed(*text);
    if (!speed) {
        write_all(2, "stty: invalid " + std::string(name) + " " + quote(*text) + "\n");
        return 1;
    }
    set_speed(*speed);
    return 0;
}

int Applier::apply_number(std::string_view name, std::string_view word) {
    auto text = argument();
    if (!text)
        return missing_argument(word);
    if (m_checking)
        return 0;
    auto value = integer_argument(*text, name == "line" ? 255 : 65535);
    if (!value)
        return 1;
    if (name == "line") {
        m_mode.c_line = static_cast<cc_t>(*value);
        return 0;
    }
    (name == "rows" ? m_size.rows : m_size.columns) = static_cast<uint16_t>(*value);
    m_window_changed = true;
    return 0;
}

int Applier::report(std::string_view name) {
    if (name == "speed") {
        m_output += speed_text(m_mode, false) + "\n";
        return 0;
    }
    secure_exec_winsize current{};
    if (sx_get_winsize(m_device.fd, &current) != 0) {
        write_all(2, "stty: " + quote_file(m_device.name) + ": no size information for this device\n");
        return 1;
    }
    m_output += std::to_string(current.rows) + " " + std::to_string(current.columns) + "\n";
    return 0;
}

int screen_columns(int fd) {
    secure_exec_winsize size{};
    if (sx_get_winsize(fd, &size) == 0 && size.columns > 0)
        return size.columns;
    if (const char* columns = std::getenv("COLUMNS")) {
        long value = std::strtol(columns, nullptr, 10);
        if (value > 0)
            return static_cast<int>(value);
    }
    return 80;
}

}  // namespace

int stty_main(int argc, char** argv) {
    bool all = false, save = false;
    Device device;
    const char* file = nullptr;
    std::vector<std::string_view> settings;
    // Settings like "-echo" look like options: GNU lets getopt see only -a, -g, -F and the long
    // options, and takes any other word as a setting.
    for (int i = 1; i < argc; ++i) {
        std::string_view word = argv[i];
        if (word == "-a" || word == "--all") {
            all = true;
        } else if (word == "-g" || word == "--save") {
            save = true;
        } else if (word == "-F" || word == "--file") {
            if (i + 1 >= argc)
                return invalid_argument(word);
            file = argv[++i];
        } else if (word.starts_with("-F") && word.size() > 2) {
            file = argv[i] + 2;
        } else if (word.starts_with("--file=")) {
            file = argv[i] + 7;
        } else if (word == "--help") {
            return print_usage(k_usage);
        } else if (word == "--version") {
            return print_version("stty");
        } else {
            settings.push_back(word);
        }
    }
    if (all && save) {
        write_all(2, "stty: the options for verbose and stty-readable output styles are\nmutually exclusive\n");
        return 1;
    }
    if ((all || save) && !settings.empty()) {
        write_all(2, "stty: when specifying an output style, modes may not be set\n");
        return 1;
    }
    termios mode{};
    if (int status = Applier(true, settings, mode, device).run(); status != 0)
        return status;
    if (file) {
        device.name = file;
        device.fd = ::open(file, O_RDONLY | O_NONBLOCK);
        if (device.fd < 0) {
            write_all(2, "stty: " + quote_file(file) + ": " + strerror_gnu(errno) + "\n");
            return 1;
        }
    }
    if (::tcgetattr(device.fd, &mode) != 0) {
        write_all(2, "stty: " + quote_file(device.name) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    if (settings.empty()) {
        if (save)
            return write_all(1, save_text(mode)) ? 0 : 1;
        Wrapper out(screen_columns(device.fd));
        if (all)
            display_all(out, mode, device.fd);
        else
            display_changed(out, mode);
        return write_all(1, out.text()) ? 0 : 1;
    }
    termios original = mode;
    Applier applier(false, settings, mode, device);
    sx_get_winsize(device.fd, &applier.size());
    if (int status = applier.run(); status != 0)
        return status;
    if (std::memcmp(&original, &mode, sizeof mode) != 0 && ::tcsetattr(device.fd, TCSADRAIN, &mode) != 0) {
        write_all(2, "stty: " + quote_file(device.name) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    if (applier.window_changed() && sx_set_winsize(device.fd, &applier.size()) != 0) {
        write_all(2, "stty: " + quote_file(device.name) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    return write_all(1, applier.output()) ? 0 : 1;
}

}  // namespace toolbox
