// tsort, as GNU coreutils: a topological order of the items in the pairs read (Knuth's
// algorithm T as GNU runs it, so ties come out in the same order: items without predecessors
// in name order, successors in reverse order of mention), loops reported item by item and
// broken so that every item is still printed once (status 1).
// applet: tsort tsort_main
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "applet.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/output.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: tsort [OPTION] [FILE]\n"
    "Write totally ordered list consistent with the partial ordering in FILE.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

constexpr LongOption k_long_options[] = {
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

struct Item {
    std::string name;
    size_t count{0};                  // predecessors not yet printed
    std::vector<Item*> successors;    // most recent relation first, as GNU's list
    Item* queue_next{nullptr};        // the zero queue, and the path while looking for a loop
    bool printed{false};
};

class Sorter final {
public:
    Sorter(std::string_view file, Output& out) : m_file(file), m_out(out) {}
    void relate(const std::string& before, const std::string& after);
    // Prints the order; false when a loop was found.
    bool run();

private:
    Item& item(const std::string& name) {
        Item& entry = m_items[name];
        entry.name = name;
        return entry;
    }
    template <typename Visit>
    bool walk(Visit visit) {
        for (auto& [name, entry] : m_items)
            if (visit(entry))
                return true;
        return false;
    }
    bool detect_loop(Item& k);

    std::string_view m_file;
    Output& m_out;
    std::map<std::string, Item> m_items;
    Item* m_loop{nullptr};
};

void Sorter::relate(const std::string& before, const std::string& after) {
    Item& first = item(before);
    if (before == after)
        return;
    Item& second = item(after);
    ++second.count;
    first.successors.insert(first.successors.begin(), &second);
}

// GNU's detect_loop(): follows predecessors from the first unprinted item until the path closes,
// then prints it and drops the relation that closed it.
bool Sorter::detect_loop(Item& k) {
    if (k.count == 0)
        return false;
    if (!m_loop) {
        m_loop = &k;
        return false;
    }
    for (auto it = k.successors.begin(); it != k.successors.end(); ++it) {
        if (*it != m_loop)
            continue;
        if (!k.queue_next) {
            k.queue_next = m_loop;
            m_loop = &k;
            return false;
        }
        for (Item* step = m_loop; step;) {
            m_out.flush();
            write_all(2, "tsort: " + step->name + "\n");
            Item* next = step->queue_next;
            step->queue_next = nullptr;
            if (step == &k)
                break;
            step = next;
        }
        (*it)->count--;
        k.successors.erase(it);
        for (auto& [name, entry] : m_items)
            entry.queue_next = nullptr;
        m_loop = nullptr;
        return true;
    }
    return false;
}

bool Sorter::run() {
    size_t remaining = m_items.size();
    bool ok = true;
    while (remaining > 0) {
        Item* head = nullptr;
        Item* tail = nullptr;
        walk([&](Item& entry) {
            if (entry.count == 0 && !entry.printed) {
                (head ? tail->queue_next : head) = &entry;
                tail = &entry;
                entry.queue_next = nullptr;
            }
            return false;
        });
        while (head) {
            m_out.write(head->name);
            m_out.put('\n');
            head->printed = true;
            --remaining;
            for (Item* successor : head->successors) {
                if (--successor->count == 0) {
                    tail->queue_next = successor;
                    tail = successor;
                    successor->queue_next = nullptr;
                }
            }
            Item* next = head->queue_next;
            head->queue_next = nullptr;
            head = next;
        }
        if (remaining > 0) {
            ok = false;
            m_out.flush();
            write_all(2, "tsort: " + quote_file(m_file) + ": input contains a loop:\n");
            do
                walk([&](Item& entry) { return detect_loop(entry); });
            while (m_loop);
        }
    }
    return ok;
}

}  // namespace

int tsort_main(int argc, char** argv) {
    OptionParser parser("tsort", argc, argv, "", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_help: return print_usage(k_usage);
        case k_version: return print_version("tsort");
        default: return 1;
        }
    }
    const auto& operands = parser.operands();
    if (operands.size() > 1)
        return extra_operand("tsort", operands[1]);
    std::string file = operands.empty() ? "-" : std::string(operands[0]);
    int fd = open_input(file);
    if (fd < 0) {
        write_all(2, "tsort: " + quote_file(file) + ": " + strerror_gnu(errno) + "\n");
        return 1;
    }
    int error = 0;
    std::string content = read_all(fd, error);
    if (fd != 0)
        ::close(fd);
    // GNU reads tokens until getc() fails and never looks at why, so a read error (a directory)
    // just ends the input.
    (void)error;
    std::vector<std::string> tokens;
    for (size_t i = 0; i < content.size();) {
        while (i < content.size() && (content[i] == ' ' || content[i] == '\t' || content[i] == '\n'))
            ++i;
        size_t start = i;
        while (i < content.size() && content[i] != ' ' && content[i] != '\t' && content[i] != '\n')
            ++i;
        if (i > start)
            tokens.emplace_back(content, start, i - start);
    }
    if (tokens.size() % 2 != 0) {
        write_all(2, "tsort: " + quote_file(file) + ": input contains an odd number of tokens\n");
        return 1;
    }
    Output out;
    Sorter sorter(file, out);
    for (size_t i = 0; i < tokens.size(); i += 2)
        sorter.relate(tokens[i], tokens[i + 1]);
    bool ok = sorter.run();
    return finish(out, "tsort", ok ? 0 : 1);
}

}  // namespace toolbox
