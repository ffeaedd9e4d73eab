#include "fs/procfs/proc_filesystem.h"

#include <charconv>

#include "file/open_file_description.h"
#include "fs/synthetic/synthetic_inodes.h"
#include "proc/process_table.h"
#include "vfs/vfs.h"

namespace secure_exec::kernel {

namespace {

// Inode numbers: fixed entries below 256; per-process entries derive from the pid.
constexpr uint64_t process_inode(Pid pid, uint64_t slot) { return (uint64_t(pid) << 16) | slot; }

std::optional<int> parse_number(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return value;
}

std::string nul_joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) {
        text += part;
        text.push_back('\0');
    }
    return text;
}

class SelfLink final : public SyntheticSymlink, public ProcessRelativeLink {
public:
    SelfLink(FileSystem& filesystem) : SyntheticSymlink(filesystem, 3, [] { return std::string("self"); }) {}
    std::string target_for(Pid pid) const override { return std::to_string(pid); }
};

class FdLink final : public SyntheticSymlink, public DescriptionLink {
public:
    FdLink(FileSystem& filesystem, std::shared_ptr<Process> process, int fd)
        : SyntheticSymlink(filesystem, process_inode(process->pid(), 0x100 + fd),
                           [this]() -> ErrorOr<std::string> {
                               auto description = this->description();
                               if (!description)
                                   return Errno::ebadf;
                               return description->file().link_text();
                           }),
          m_process(std::move(process)),
          m_fd(fd) {}

    std::shared_ptr<OpenFileDescription> description() const override {
        auto found = m_process->fds().get(m_fd);
        return found.is_error() ? nullptr : found.release_value();
    }

private:
    const std::shared_ptr<Process> m_process;
    const int m_fd;
};

std::string status_text(const ProcessInfo& info, const Process& process) {
    static constexpr const char* k_state_names[] = {"R (running)", "T (stopped)", "Z (zombie)"};
    const auto& credentials = process.credentials();
    std::string uid = std::to_string(credentials.uid);
    std::string gid = std::to_string(credentials.gid);
    std::string text;
    text += "Name:\t" + info.command.substr(0, 15) + "\n";
    text += "Umask:\t0" + std::to_string(process.umask() >> 6 & 7) + std::to_string(process.umask() >> 3 & 7) +
            std::to_string(process.umask() & 7) + "\n";
    text += std::string("State:\t") + k_state_names[static_cast<int>(info.state)] + "\n";
    text += "Tgid:\t" + std::to_string(info.pid) + "\n";
    text += "Pid:\t" + std::to_string(info.pid) + "\n";
    text += "PPid:\t" + std::to_string(info.ppid) + "\n";
    text += "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n";
    text += "Gid:\t" + gid + "\t" + gid + "\t" + gid + "\t" + gid + "\n";
    text += "FDSize:\t" + std::to_string(process.fds().count()) + "\n";
    text += "NSpgid:\t" + std::to_string(info.pgid) + "\n";
    text += "NSsid:\t" + std::to_string(info.sid) + "\n";
    return text;
}

}  // namespace

ProcFileSystem::ProcFileSystem(ProcessTable& processes, const Vfs& vfs, std::string hostname)
    : m_processes(processes), m_vfs(vfs), m_hostname(std::move(hostname)),
      m_root(std::make_shared<SyntheticDirectory>(*this, 1)) {
    m_root->add("self", std::make_shared<SelfLink>(*this));
    m_root->add("mounts", std::make_shared<GeneratedFileInode>(
                              *this, 4, [this]() -> ErrorOr<std::string> { return mounts_text(); }, "/proc/mounts"));
    auto sys = std::make_shared<SyntheticDirectory>(*this, 5);
    auto kernel_directory = std::make_shared<SyntheticDirectory>(*this, 6);
    kernel_directory->add("hostname",
                          std::make_shared<GeneratedFileInode>(
                              *this, 7, [this]() -> ErrorOr<std::string> { return m_hostname + "\n"; },
                              "/proc/sys/kernel/hostname"));
    sys->add("kernel", kernel_directory);
    m_root->add("sys", sys);
    m_root->set_dynamic(
        [this](std::string_view name) -> ErrorOr<std::shared_ptr<Inode>> {
            auto pid = parse_number(name);
            if (!pid)
                return Errno::enoent;
            return process_directory(*pid);
        },
        [this] {
            std::vector<DirEntry> entries;
            for (const auto& info : m_processes.snapshot())
                entries.push_back({std::to_string(info.pid), FileType::directory, process_inode(info.pid, 1)});
            return entries;
        });
}

std::shared_ptr<Inode> ProcFileSystem::root() { return m_root; }

ErrorOr<StatFs> ProcFileSystem::statfs() {
    StatFs result;
    result.type = 0x9fa0;  // PROC_SUPER_MAGIC
    return result;
}

std::string ProcFileSystem::mounts_text() const {
    std::string text;
    for (const auto& mount : m_vfs.mounts()) {
        std::string type(mount->filesystem->type_name());
        text += type + " " + mount->path + " " + type + (mount->read_only ? " ro" : " rw") + " 0 0\n";
    }
    return text;
}

ErrorOr<std::shared_ptr<Inode>> ProcFileSystem::process_directory(Pid pid) {
    auto found = m_processes.find(pid);
    if (found.is_error())
        return Errno::enoent;  // as Linux: a reaped pid has no /proc entry
    auto process = found.release_value();
    auto directory = std::make_shared<SyntheticDirectory>(*this, process_inode(pid, 1));
    auto generated = [&](const char* name, uint64_t slot, GeneratedFileInode::Generator generator) {
        directory->add(name, std::make_shared<GeneratedFileInode>(*this, process_inode(pid, slot), std::move(generator),
                                                                  "/proc/" + std::to_string(pid) + "/" + name));
    };
    generated("cmdline", 2, [process]() -> ErrorOr<std::string> { return nul_joined(process->argv()); });
    generated("environ", 3, [process]() -> ErrorOr<std::string> { return nul_joined(process->environ()); });
    generated("comm", 4, [process]() -> ErrorOr<std::string> { return process->command().substr(0, 15) + "\n"; });
    generated("status", 5, [this, process]() -> ErrorOr<std::string> {
        auto info = m_processes.info(process->pid());
        if (!info)
            return Errno::esrch;
        return status_text(*info, *process);
    });
    directory->add("cwd", std::make_shared<SyntheticSymlink>(*this, process_inode(pid, 6), [process]() -> ErrorOr<std::string> {
                       return process->cwd().path;
                   }));
    auto fds = std::make_shared<SyntheticDirectory>(*this, process_inode(pid, 7), 0555);
    fds->set_dynamic(
        [this, process](std::string_view name) -> ErrorOr<std::shared_ptr<Inode>> {
            auto fd = parse_number(name);
            if (!fd)
                return Errno::enoent;
            if (process->fds().get(*fd).is_error())
                return Errno::ebadf;
            return std::static_pointer_cast<Inode>(std::make_shared<FdLink>(*this, process, *fd));
        },
        [process] {
            std::vector<DirEntry> entries;
            for (int fd : process->fds().open_fds())
                entries.push_back({std::to_string(fd), FileType::symlink, process_inode(process->pid(), 0x100 + fd)});
            return entries;
        });
    directory->add("fd", fds);
    return std::static_pointer_cast<Inode>(directory);
}

}  // namespace secure_exec::kernel
