// The terminal line discipline: canonical editing, signals, echo, input mapping, queue limits
// and output processing. Linux drivers/tty/n_tty.c is the reference; the expected echo bytes
// were recorded from a Linux 6.18 pty with the same settings.
#include "tty/line_discipline.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace secure_exec::kernel {
namespace {

using namespace termios_flags;

std::span<const std::byte> as_bytes(std::string_view text) {
    return std::as_bytes(std::span<const char>(text.data(), text.size()));
}

// A line discipline plus helpers that speak strings: type() is the master writing, read() the
// replica reading, echo() the master reading what came back.
class Terminal {
public:
    explicit Terminal(size_t input_capacity = 4096, size_t output_capacity = 65536)
        : m_discipline(input_capacity, output_capacity) {}

    LineDiscipline& discipline() { return m_discipline; }

    LineDiscipline::InputResult type(std::string_view text) { return m_discipline.receive_input(as_bytes(text)); }

    std::string read(size_t buffer_size = 65536) {
        std::string buffer(buffer_size, '\0');
        size_t count = m_discipline.read_input(std::as_writable_bytes(std::span<char>(buffer.data(), buffer.size())));
        buffer.resize(count);
        return buffer;
    }

    std::string echo() {
        std::string buffer(m_discipline.output_available(), '\0');
        m_discipline.read_output(std::as_writable_bytes(std::span<char>(buffer.data(), buffer.size())));
        return buffer;
    }

    size_t write(std::string_view text) { return m_discipline.write_output(as_bytes(text)); }

    void set_lflag(uint32_t set, uint32_t clear = 0) {
        Termios termios = m_discipline.termios();
        termios.lflag = (termios.lflag | set) & ~clear;
        m_discipline.set_termios(termios);
    }
    void set_iflag(uint32_t set, uint32_t clear = 0) {
        Termios termios = m_discipline.termios();
        termios.iflag = (termios.iflag | set) & ~clear;
        m_discipline.set_termios(termios);
    }
    void set_oflag(uint32_t set, uint32_t clear = 0) {
        Termios termios = m_discipline.termios();
        termios.oflag = (termios.oflag | set) & ~clear;
        m_discipline.set_termios(termios);
    }
    void set_cc(int index, uint8_t value) {
        Termios termios = m_discipline.termios();
        termios.cc[static_cast<size_t>(index)] = value;
        m_discipline.set_termios(termios);
    }

private:
    LineDiscipline m_discipline;
};

// ^Defaults

TEST(LineDisciplineTest, DefaultsMatchLinuxStdTermios) {
    Termios termios = Termios::defaults();
    EXPECT_EQ(termios.iflag, icrnl | ixon | iutf8);
    EXPECT_EQ(termios.oflag, opost | onlcr);
    EXPECT_EQ(termios.cflag, b38400 | cs8 | cread | hupcl);
    EXPECT_EQ(termios.lflag, isig | icanon | echo | echoe | echok | echoctl | echoke | iexten);
    EXPECT_EQ(termios.cc[cc::vintr], 0x03);
    EXPECT_EQ(termios.cc[cc::vquit], 0x1c);
    EXPECT_EQ(termios.cc[cc::verase], 0x7f);
    EXPECT_EQ(termios.cc[cc::vkill], 0x15);
    EXPECT_EQ(termios.cc[cc::veof], 0x04);
    EXPECT_EQ(termios.cc[cc::vtime], 0);
    EXPECT_EQ(termios.cc[cc::vmin], 1);
    EXPECT_EQ(termios.cc[cc::vstart], 0x11);
    EXPECT_EQ(termios.cc[cc::vstop], 0x13);
    EXPECT_EQ(termios.cc[cc::vsusp], 0x1a);
    EXPECT_EQ(termios.cc[cc::veol], 0);
    EXPECT_EQ(termios.cc[cc::vreprint], 0x12);
    EXPECT_EQ(termios.cc[cc::vwerase], 0x17);
    EXPECT_EQ(termios.cc[cc::vlnext], 0x16);
    EXPECT_EQ(termios.cc[cc::veol2], 0);
}

TEST(LineDisciplineTest, StartsWithDefaults) {
    LineDiscipline discipline;
    EXPECT_EQ(discipline.termios(), Termios::defaults());
    EXPECT_TRUE(discipline.canonical());
}

// ^Canonical editing

TEST(LineDisciplineTest, EraseEditsTheLineAndEchoesRubout) {
    Terminal terminal;
    EXPECT_EQ(terminal.type("ab\x7f" "c\n").consumed, 5u);
    EXPECT_EQ(terminal.read(), "ac\n");
    EXPECT_EQ(terminal.echo(), "ab\b \bc\r\n");
}

TEST(LineDisciplineTest, PartialLineIsNotReadable) {
    Terminal terminal;
    terminal.type("abc");
    EXPECT_FALSE(terminal.discipline().read_ready());
    EXPECT_EQ(terminal.discipline().readable(), 0u);
    terminal.type("\n");
    EXPECT_EQ(terminal.discipline().readable(), 4u);
}

TEST(LineDisciplineTest, EraseAtLineStartDoesNothing) {
    Terminal terminal;
    terminal.type("\x7f\n");
    EXPECT_EQ(terminal.read(), "\n");
    EXPECT_EQ(terminal.echo(), "\r\n");
}

TEST(LineDisciplineTest, EraseWithoutEchoeEchoesTheEraseCharacter) {
    Terminal terminal;
    terminal.set_lflag(0, echoe);
    terminal.type("ab\x7f\n");
    EXPECT_EQ(terminal.read(), "a\n");
    EXPECT_EQ(terminal.echo(), "ab^?\r\n");
}

TEST(LineDisciplineTest, BackspaceIsDataUnlessItIsVerase) {
    Terminal terminal;
    terminal.type("ab\b\n");
    EXPECT_EQ(terminal.read(), "ab\b\n");
    terminal.set_cc(cc::verase, 0x08);
    terminal.type("ab\b\n");
    EXPECT_EQ(terminal.read(), "a\n");
}

TEST(LineDisciplineTest, EraseOfCaretEchoedControlRubsOutTwoColumns) {
    Terminal terminal;
    terminal.type("a\x01\x7f\n");
    EXPECT_EQ(terminal.read(), "a\n");
    EXPECT_EQ(terminal.echo(), "a^A\b \b\b \b\r\n");
}

TEST(LineDisciplineTest, EraseOfTabBacksUpToItsColumn) {
    Terminal terminal;
    terminal.type("a\tb\t\x7f\x7f\x7f\n");
    EXPECT_EQ(terminal.read(), "a\n");
    EXPECT_EQ(terminal.echo(), "a\tb\t" + std::string(7, '\b') + "\b \b" + std::string(7, '\b') + "\r\n");
}

TEST(LineDisciplineTest, Utf8EraseRemovesTheWholeCharacter) {
    Terminal terminal;
    terminal.type("\xc3\xa9\x7f\n");
    EXPECT_EQ(terminal.read(), "\n");
    EXPECT_EQ(terminal.echo(), "\xc3\xa9\b \b\r\n");
}

TEST(LineDisciplineTest, EraseWithoutIutf8RemovesOneByte) {
    Terminal terminal;
    terminal.set_iflag(0, iutf8);
    terminal.type("\xc3\xa9\x7f\n");
    EXPECT_EQ(terminal.read(), "\xc3\n");
}

TEST(LineDisciplineTest, WordEraseRemovesTheLastWord) {
    Terminal terminal;
    terminal.type("echo hello world\x17\n");
    EXPECT_EQ(terminal.read(), "echo hello \n");
    std::string rubouts;
    for (int i = 0; i < 5; ++i)
        rubouts += "\b \b";
    EXPECT_EQ(terminal.echo(), "echo hello world" + rubouts + "\r\n");
}

// Linux uses BSD's ALTWERASE: punctuation ends a word, trailing blanks go first.
TEST(LineDisciplineTest, WordEraseStopsAtPunctuationLikeLinux) {
    Terminal terminal;
    terminal.type("foo bar-baz  \x17\n");
    EXPECT_EQ(terminal.read(), "foo bar-\n");
}

TEST(LineDisciplineTest, KillWithEchokeRubsOutEachCharacter) {
    Terminal terminal;
    terminal.type("ab\x15");
    EXPECT_EQ(terminal.echo(), "ab\b \b\b \b");
    terminal.type("cd\n");
    EXPECT_EQ(terminal.read(), "cd\n");
}

TEST(LineDisciplineTest, KillWithEchokAloneEchoesKillAndNewline) {
    Terminal terminal;
    terminal.set_lflag(0, echoke);
    terminal.type("ab\x15\n");
    EXPECT_EQ(terminal.read(), "\n");
    EXPECT_EQ(terminal.echo(), "ab^U\r\n\r\n");
}

TEST(LineDisciplineTest, KillWithoutEchokEchoesOnlyTheKillCharacter) {
    Terminal terminal;
    terminal.set_lflag(0, echoke | echok);
    terminal.type("ab\x15");
    EXPECT_EQ(terminal.echo(), "ab^U");
}

TEST(LineDisciplineTest, KillOnEmptyLineEchoesNothing) {
    Terminal terminal;
    terminal.type("\x15");
    EXPECT_EQ(terminal.echo(), "");
}

TEST(LineDisciplineTest, ReprintEchoesTheLineAgain) {
    Terminal terminal;
    terminal.type("ab\x12" "c\n");
    EXPECT_EQ(terminal.read(), "abc\n");
    EXPECT_EQ(terminal.echo(), "ab^R\r\nabc\r\n");
}

TEST(LineDisciplineTest, LiteralNextMakesInterruptData) {
    Terminal terminal;
    auto result = terminal.type("a\x16\x03" "b\n");
    EXPECT_TRUE(result.signals.empty());
    EXPECT_EQ(terminal.read(), "a\x03" "b\n");
    EXPECT_EQ(terminal.echo(), "a^\b^Cb\r\n");
}

TEST(LineDisciplineTest, LiteralNextNewlineDoesNotEndTheLine) {
    Terminal terminal;
    terminal.type("a\x16\n");
    EXPECT_FALSE(terminal.discipline().read_ready());
    terminal.type("b\n");
    EXPECT_EQ(terminal.read(), "a\nb\n");
    EXPECT_EQ(terminal.echo(), "a^\b^Jb\r\n");
}

TEST(LineDisciplineTest, VeolEndsTheLine) {
    Terminal terminal;
    terminal.set_cc(cc::veol, '!');
    terminal.type("ab!cd\n");
    EXPECT_EQ(terminal.read(), "ab!");
    EXPECT_EQ(terminal.read(), "cd\n");
    EXPECT_EQ(terminal.echo(), "ab!cd\r\n");
}

TEST(LineDisciplineTest, DisabledControlCharacterNeverMatchesNul) {
    Terminal terminal;  // VEOL and VEOL2 are 0
    terminal.type(std::string_view("a\0b\n", 4));
    EXPECT_EQ(terminal.read(), std::string("a\0b\n", 4));
    EXPECT_EQ(terminal.echo(), "a^@b\r\n");
}

// ^EOF

TEST(LineDisciplineTest, EofAtLineStartReadsZeroOnce) {
    Terminal terminal;
    terminal.type("\x04");
    EXPECT_TRUE(terminal.discipline().read_ready());
    EXPECT_EQ(terminal.discipline().readable(), 0u);
    EXPECT_EQ(terminal.read(), "");
    EXPECT_FALSE(terminal.discipline().read_ready());
    terminal.type("x\n");
    EXPECT_EQ(terminal.read(), "x\n");
    EXPECT_EQ(terminal.echo(), "x\r\n");
}

TEST(LineDisciplineTest, EofAfterTextMakesItReadableWithoutNewline) {
    Terminal terminal;
    terminal.type("abc\x04");
    EXPECT_EQ(terminal.discipline().readable(), 3u);
    EXPECT_EQ(terminal.read(), "abc");
    EXPECT_FALSE(terminal.discipline().read_ready());
    EXPECT_EQ(terminal.echo(), "abc");
}

// ^Reads

TEST(LineDisciplineTest, ReadReturnsOneLineAtATime) {
    Terminal terminal;
    terminal.type("one\ntwo\n");
    EXPECT_EQ(terminal.read(), "one\n");
    EXPECT_EQ(terminal.read(), "two\n");
}

TEST(LineDisciplineTest, SmallReadLeavesTheRestOfTheLine) {
    Terminal terminal;
    terminal.type("abc\n");
    EXPECT_EQ(terminal.read(2), "ab");
    EXPECT_EQ(terminal.discipline().readable(), 2u);
    EXPECT_EQ(terminal.read(2), "c\n");
    EXPECT_FALSE(terminal.discipline().read_ready());
}

// ^Signals

TEST(LineDisciplineTest, InterruptDiscardsThePartialLine) {
    Terminal terminal;
    auto result = terminal.type("abc\x03");
    EXPECT_EQ(result.consumed, 4u);
    EXPECT_EQ(result.signals, std::vector<int>{2});
    EXPECT_EQ(terminal.echo(), "abc^C");
    terminal.type("d\n");
    EXPECT_EQ(terminal.read(), "d\n");
}

TEST(LineDisciplineTest, InterruptDiscardsQueuedLines) {
    Terminal terminal;
    terminal.type("one\n\x03");
    EXPECT_FALSE(terminal.discipline().read_ready());
}

TEST(LineDisciplineTest, InterruptKeepsPendingOutput) {
    Terminal terminal;
    terminal.write("prompt$ ");
    terminal.type("\x03");
    EXPECT_EQ(terminal.echo(), "prompt$ ^C");
}

TEST(LineDisciplineTest, QuitSendsSigquit) {
    Terminal terminal;
    EXPECT_EQ(terminal.type("\x1c").signals, std::vector<int>{3});
    EXPECT_EQ(terminal.echo(), "^\\");
}

TEST(LineDisciplineTest, SuspendSendsSigtstp) {
    Terminal terminal;
    EXPECT_EQ(terminal.type("\x1a").signals, std::vector<int>{20});
    EXPECT_EQ(terminal.echo(), "^Z");
}

TEST(LineDisciplineTest, NoflshKeepsTheLine) {
    Terminal terminal;
    terminal.set_lflag(noflsh);
    EXPECT_EQ(terminal.type("ab\x03\n").signals, std::vector<int>{2});
    EXPECT_EQ(terminal.read(), "ab\n");
    EXPECT_EQ(terminal.echo(), "ab^C\r\n");
}

TEST(LineDisciplineTest, IsigOffMakesInterruptData) {
    Terminal terminal;
    terminal.set_lflag(0, isig);
    EXPECT_TRUE(terminal.type("\x03\n").signals.empty());
    EXPECT_EQ(terminal.read(), "\x03\n");
}

TEST(LineDisciplineTest, InterruptWorksInRawModeAndFlushes) {
    Terminal terminal;
    terminal.set_lflag(0, icanon);
    auto result = terminal.type("ab\x03" "cd");
    EXPECT_EQ(result.signals, std::vector<int>{2});
    EXPECT_EQ(terminal.read(), "cd");
    EXPECT_EQ(terminal.echo(), "ab^Ccd");
}

// Linux tests ISIG before ICRNL, so a VINTR of ^M still interrupts.
TEST(LineDisciplineTest, SignalCharacterIsCheckedBeforeCrMapping) {
    Terminal terminal;
    terminal.set_cc(cc::vintr, '\r');
    EXPECT_EQ(terminal.type("ab\r").signals, std::vector<int>{2});
    EXPECT_EQ(terminal.echo(), "ab^M");
}

// ^Echo flags

TEST(LineDisciplineTest, EchoOffDeliversInputSilently) {
    Terminal terminal;
    terminal.set_lflag(0, echo);
    terminal.type("secret\x7f\n");
    EXPECT_EQ(terminal.read(), "secre\n");
    EXPECT_EQ(terminal.echo(), "");
}

TEST(LineDisciplineTest, EchonlEchoesOnlyNewlines) {
    Terminal terminal;
    terminal.set_lflag(echonl, echo);
    terminal.type("ab\n");
    EXPECT_EQ(terminal.read(), "ab\n");
    EXPECT_EQ(terminal.echo(), "\r\n");
}

TEST(LineDisciplineTest, EchoctlShowsControlCharactersAsCaret) {
    Terminal terminal;
    terminal.type("a\x01\n");
    EXPECT_EQ(terminal.echo(), "a^A\r\n");
}

TEST(LineDisciplineTest, EchoctlOffEchoesControlCharactersRaw) {
    Terminal terminal;
    terminal.set_lflag(0, echoctl);
    terminal.type("a\x01\n");
    EXPECT_EQ(terminal.read(), "a\x01\n");
    EXPECT_EQ(terminal.echo(), "a\x01\r\n");
}

TEST(LineDisciplineTest, TabIsEchoedRawUnderEchoctl) {
    Terminal terminal;
    terminal.type("\t\n");
    EXPECT_EQ(terminal.echo(), "\t\r\n");
}

// ^Input mapping

TEST(LineDisciplineTest, IcrnlMapsCrToNl) {
    Terminal terminal;
    terminal.type("a\r");
    EXPECT_EQ(terminal.read(), "a\n");
    EXPECT_EQ(terminal.echo(), "a\r\n");
}

TEST(LineDisciplineTest, IgncrDropsCr) {
    Terminal terminal;
    terminal.set_iflag(igncr);
    terminal.type("a\rb\n");
    EXPECT_EQ(terminal.read(), "ab\n");
    EXPECT_EQ(terminal.echo(), "ab\r\n");
}

TEST(LineDisciplineTest, InlcrMapsNlToCr) {
    Terminal terminal;
    terminal.set_iflag(inlcr);
    terminal.type("a\nb\r");  // the NL becomes data, the CR (ICRNL) ends the line
    EXPECT_EQ(terminal.read(), "a\rb\n");
    EXPECT_EQ(terminal.echo(), "a^Mb\r\n");
}

TEST(LineDisciplineTest, IstripClearsTheEighthBit) {
    Terminal terminal;
    terminal.set_iflag(istrip);
    terminal.type("\xe1\n");
    EXPECT_EQ(terminal.read(), "a\n");
    EXPECT_EQ(terminal.echo(), "a\r\n");
}

// ^Limits

TEST(LineDisciplineTest, LongLineKeepsItsFirst4095Bytes) {
    Terminal terminal;
    EXPECT_EQ(terminal.type(std::string(5000, 'x') + "\n").consumed, 5001u);
    EXPECT_EQ(terminal.read(), std::string(4095, 'x') + "\n");
    EXPECT_EQ(terminal.echo(), std::string(5000, 'x') + "\r\n");  // Linux echoes dropped bytes
}

TEST(LineDisciplineTest, RawInputStopsAtCapacity) {
    Terminal terminal(4096);
    terminal.set_lflag(0, icanon | echo);
    EXPECT_EQ(terminal.type(std::string(5000, 'x')).consumed, 4096u);
    EXPECT_EQ(terminal.discipline().input_space(), 0u);
    EXPECT_EQ(terminal.read(100).size(), 100u);
    EXPECT_EQ(terminal.discipline().input_space(), 100u);
}

TEST(LineDisciplineTest, FullCanonicalLineStillTakesTheTerminator) {
    Terminal terminal(8);
    terminal.set_lflag(0, echo);
    EXPECT_EQ(terminal.type("abcdefghij\n").consumed, 11u);
    EXPECT_EQ(terminal.read(), "abcdefgh\n");
}

TEST(LineDisciplineTest, FullCanonicalLineStillTakesErase) {
    Terminal terminal(4);
    terminal.set_lflag(0, echo);
    terminal.type("abcd");
    EXPECT_GT(terminal.discipline().input_space(), 0u);  // a writer must not block here
    terminal.type("\x7f" "e\n");
    EXPECT_EQ(terminal.read(), "abce\n");
}

TEST(LineDisciplineTest, QueuedLinesBlockTheWriterWhenFull) {
    Terminal terminal(8);
    terminal.set_lflag(0, echo);
    EXPECT_EQ(terminal.type("abc\ndefg\n").consumed, 8u);
    EXPECT_EQ(terminal.discipline().input_space(), 0u);
    EXPECT_EQ(terminal.read(), "abc\n");
    EXPECT_EQ(terminal.type("\n").consumed, 1u);
    EXPECT_EQ(terminal.read(), "defg\n");
}

// ^Mode switches

TEST(LineDisciplineTest, RawByteIsReadableImmediately) {
    Terminal terminal;
    terminal.set_lflag(0, icanon);
    EXPECT_EQ(terminal.type("x").consumed, 1u);
    EXPECT_TRUE(terminal.discipline().read_ready());
    EXPECT_EQ(terminal.discipline().readable(), 1u);
    EXPECT_EQ(terminal.read(), "x");
    EXPECT_EQ(terminal.echo(), "x");
}

TEST(LineDisciplineTest, RawModeHasNoEditing) {
    Terminal terminal;
    terminal.set_lflag(0, icanon | echo);
    terminal.type("a\x7f\x15\x04");
    EXPECT_EQ(terminal.read(), "a\x7f\x15\x04");
}

TEST(LineDisciplineTest, RawModeEchoesNewlineAsCaretUnderEchoctl) {
    Terminal terminal;
    terminal.set_lflag(0, icanon);
    terminal.type("a\nb");
    EXPECT_EQ(terminal.read(), "a\nb");
    EXPECT_EQ(terminal.echo(), "a^Jb");
}

TEST(LineDisciplineTest, LeavingCanonicalModeMakesThePartialLineReadable) {
    Terminal terminal;
    terminal.type("ab");
    EXPECT_FALSE(terminal.discipline().read_ready());
    terminal.set_lflag(0, icanon);
    EXPECT_EQ(terminal.discipline().readable(), 2u);
    EXPECT_EQ(terminal.read(), "ab");
}

TEST(LineDisciplineTest, EnteringCanonicalModeKeepsQueuedBytesAsALine) {
    Terminal terminal;
    terminal.set_lflag(0, icanon);
    terminal.type("ab");
    terminal.set_lflag(icanon);
    EXPECT_TRUE(terminal.discipline().read_ready());
    EXPECT_EQ(terminal.read(), "ab");
    terminal.type("c\n");
    EXPECT_EQ(terminal.read(), "c\n");
}

TEST(LineDisciplineTest, FlushInputDropsLinesAndTheLineBeingEdited) {
    Terminal terminal;
    terminal.type("one\ntw");
    terminal.discipline().flush_input();
    EXPECT_FALSE(terminal.discipline().read_ready());
    terminal.type("o\n");
    EXPECT_EQ(terminal.read(), "o\n");
}

// ^Output

TEST(LineDisciplineTest, OnlcrExpandsNewline) {
    Terminal terminal;
    EXPECT_EQ(terminal.write("a\nb"), 3u);
    EXPECT_EQ(terminal.echo(), "a\r\nb");
}

TEST(LineDisciplineTest, OpostOffPassesBytesThrough) {
    Terminal terminal;
    terminal.set_oflag(0, opost);
    EXPECT_EQ(terminal.write("a\nb\r"), 4u);
    EXPECT_EQ(terminal.echo(), "a\nb\r");
}

TEST(LineDisciplineTest, OcrnlMapsCrToNl) {
    Terminal terminal;
    terminal.set_oflag(ocrnl);
    terminal.write("a\r");
    EXPECT_EQ(terminal.echo(), "a\n");
}

TEST(LineDisciplineTest, OnocrDropsCrAtColumnZero) {
    Terminal terminal;
    terminal.set_oflag(onocr);
    EXPECT_EQ(terminal.write("\rab\r\r"), 5u);
    EXPECT_EQ(terminal.echo(), "ab\r");
}

TEST(LineDisciplineTest, OutputSpaceLimitsWrite) {
    Terminal terminal(4096, 8);
    EXPECT_EQ(terminal.write("\n\n\n\n\n"), 4u);
    EXPECT_EQ(terminal.discipline().output_space(), 0u);
    EXPECT_EQ(terminal.echo(), "\r\n\r\n\r\n\r\n");
    EXPECT_EQ(terminal.discipline().output_space(), 8u);
}

TEST(LineDisciplineTest, ExpandedNewlineNeedsTwoFreeBytes) {
    Terminal terminal(4096, 8);
    EXPECT_EQ(terminal.write("abcdefg\n"), 7u);
    EXPECT_EQ(terminal.discipline().output_space(), 1u);
}

TEST(LineDisciplineTest, EchoIsNeverDroppedForAFullOutputQueue) {
    Terminal terminal(4096, 4);
    terminal.write("abcd");
    terminal.type("xy");
    EXPECT_EQ(terminal.echo(), "abcdxy");
}

TEST(LineDisciplineTest, FlushOutputDropsQueuedOutput) {
    Terminal terminal;
    terminal.write("abc");
    terminal.discipline().flush_output();
    EXPECT_EQ(terminal.discipline().output_available(), 0u);
}

}  // namespace
}  // namespace secure_exec::kernel
