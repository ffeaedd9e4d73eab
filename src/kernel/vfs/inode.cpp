// Default Inode operations: each fails the way Linux fails that call on the wrong kind of file.
#include <atomic>

#include <secure_exec/vfs.h>

namespace secure_exec {

ErrorOr<std::shared_ptr<Inode>> Inode::lookup(std::string_view) { return Errno::enotdir; }
ErrorOr<std::shared_ptr<Inode>> Inode::create(std::string_view, const NewInode&) { return Errno::enotdir; }
ErrorOr<std::shared_ptr<Inode>> Inode::create_symlink(std::string_view, std::string_view, uint32_t, uint32_t) {
    return Errno::enotdir;
}
ErrorOr<void> Inode::link(std::string_view, Inode&) { return Errno::enotdir; }
ErrorOr<void> Inode::unlink(std::string_view) { return Errno::enotdir; }
ErrorOr<void> Inode::remove_directory(std::string_view) { return Errno::enotdir; }
ErrorOr<void> Inode::rename(std::string_view, Inode&, std::string_view) { return Errno::enotdir; }
ErrorOr<std::vector<DirEntry>> Inode::read_directory() { return Errno::enotdir; }
ErrorOr<std::string> Inode::read_link() { return Errno::einval; }
ErrorOr<size_t> Inode::read_at(uint64_t, std::span<std::byte>) { return Errno::einval; }
ErrorOr<WriteResult> Inode::write_at(uint64_t, std::span<const std::byte>, bool) { return Errno::einval; }
ErrorOr<void> Inode::truncate(uint64_t) { return Errno::einval; }
ErrorOr<void> Inode::change_mode(uint32_t) { return Errno::eperm; }
ErrorOr<void> Inode::change_owner(std::optional<uint32_t>, std::optional<uint32_t>) { return Errno::eperm; }
ErrorOr<void> Inode::set_times(std::optional<Timespec>, std::optional<Timespec>) { return Errno::eperm; }
ErrorOr<std::shared_ptr<kernel::File>> Inode::open_special(int) { return std::shared_ptr<kernel::File>{}; }

namespace {
std::atomic<uint64_t> g_next_device_id{1};
}

FileSystem::FileSystem() : m_device_id(g_next_device_id.fetch_add(1, std::memory_order_relaxed)) {}

}  // namespace secure_exec
