/* Compiled into every program that links the guest library (an INTERFACE source of sx_sys), so
 * the constructor is linked even though nothing calls it: the program starts in its kernel
 * process's working directory. Hosts without the secure_exec module answer ENOSYS; the program
 * then keeps wasi-libc's "/". */
#include <sx/posix.h>

__attribute__((constructor)) static void sx_start_in_kernel_cwd(void) { (void)sx_sync_cwd(); }
