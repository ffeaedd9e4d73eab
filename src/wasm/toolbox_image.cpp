#include "wasm/toolbox_image.h"

#include <sys/stat.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <string_view>
#include <tuple>

#include "wasm/memory_limit.h"
#include "wasm/module_sections.h"

namespace secure_exec::wasm {

namespace {

constexpr std::string_view k_wasm_magic{"\0asm", 4};

// What identifies the file's current contents without reading them.
struct FileVersion {
    dev_t device{};
    ino_t inode{};
    off_t size{};
    int64_t mtime_ns{};
    auto operator<=>(const FileVersion&) const = default;
};

struct CachedImage {
    FileVersion version;
    std::shared_ptr<const ToolboxImage> image;
};

ErrorOr<FileVersion> file_version(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return Errno::enoent;
    return FileVersion{info.st_dev, info.st_ino, info.st_size,
                       int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec};
}

ErrorOr<std::string> read_whole_file(const std::string& path, size_t size_hint) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return Errno::enoent;
    std::string bytes(size_hint, '\0');
    size_t count = std::fread(bytes.data(), 1, bytes.size(), file);
    bytes.resize(count);
    char more[4096];
    while ((count = std::fread(more, 1, sizeof more, file)) > 0)  // the file grew meanwhile
        bytes.append(more, count);
    std::fclose(file);
    return bytes;
}

// The names in the toolbox's "secure_exec_commands" section, one per line.
std::vector<std::string> listed_commands(std::string_view module) {
    std::vector<std::string> names;
    auto section = custom_section(module, "secure_exec_commands");
    std::string_view text = section ? *section : std::string_view{};
    while (!text.empty()) {
        size_t newline = text.find('\n');
        if (std::string_view name = text.substr(0, newline); !name.empty())
            names.emplace_back(name);
        if (newline == std::string_view::npos)
            break;
        text.remove_prefix(newline + 1);
    }
    return names;
}

ErrorOr<std::shared_ptr<const ToolboxImage>> read_image(const std::string& path, const FileVersion& version,
                                                       uint32_t memory_limit_pages) {
    auto raw = TRY(read_whole_file(path, static_cast<size_t>(version.size)));
    if (std::string_view(raw).substr(0, 4) != k_wasm_magic)
        return Errno::enoexec;
    auto image = std::make_shared<ToolboxImage>();
    image->commands = listed_commands(raw);
    image->bytes = std::make_shared<const std::string>(TRY(with_memory_limit(raw, memory_limit_pages)));
    return std::shared_ptr<const ToolboxImage>(std::move(image));
}

}  // namespace

ErrorOr<std::shared_ptr<const ToolboxImage>> load_toolbox_image(const std::string& path, uint32_t memory_limit_pages) {
    // Never destroyed: kernels may be torn down by static destructors after this would be.
    static auto* mutex = new std::mutex;
    static auto* images = new std::map<std::pair<std::string, uint32_t>, CachedImage>;
    auto version = TRY(file_version(path));
    std::lock_guard lock(*mutex);
    auto& cached = (*images)[{path, memory_limit_pages}];
    if (!cached.image || cached.version != version) {
        cached.image = TRY(read_image(path, version, memory_limit_pages));
        cached.version = version;
    }
    return cached.image;
}

}  // namespace secure_exec::wasm
