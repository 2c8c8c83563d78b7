/* TEST ONLY, never shipped: Wine 8 (Debian 12's wine64) lacks bcryptprimitives.dll, which Rust
 * >= 1.78's std imports for ProcessPrng (random numbers, e.g. HashMap seeds). Real Windows
 * (10 and later, all that Rust supports) has it. windows.sh builds this into the throw-away Wine prefix's system32 so
 * the smoke test can run the real nianbao.exe; it never goes beside the exe or into the
 * installer. ProcessPrng is answered with RtlGenRandom (advapi32's SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
