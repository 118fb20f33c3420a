// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/LocalStorage.h"

#include <QFile>

#if defined(Q_OS_LINUX)
#include <sys/vfs.h>
#elif defined(Q_OS_MACOS)
#include <sys/mount.h>
#include <sys/param.h>
#elif defined(Q_OS_WIN)
#include <QDir>

#include <windows.h>
#endif

namespace cropdeck {

#if defined(Q_OS_LINUX)

namespace {

// statfs(2) f_type values of file systems whose pages can vanish under a mapping.
bool isRemoteOrUserSpace(unsigned long type) {
    switch (type) {
    case 0x6969UL:     // NFS
    case 0x517BUL:     // SMB
    case 0xFF534D42UL: // CIFS
    case 0xFE534D42UL: // SMB2
    case 0x65735546UL: // FUSE (sshfs, s3fs, rclone, ...)
    case 0x01021997UL: // 9P (WSL2 drives, VMs)
    case 0x00C36400UL: // Ceph
    case 0x47504653UL: // GPFS
    case 0x0BD00BD0UL: // Lustre
    case 0x013111A8UL: // IBRIX
    case 0x5346414FUL: // AFS
    case 0x73757245UL: // Coda
    case 0x564C00UL:   // NCP
        return true;
    default:
        return false;
    }
}

} // namespace

bool isOnLocalStorage(const QString& path) {
    struct statfs info {};
    if (statfs(QFile::encodeName(path).constData(), &info) != 0)
        return false;
    return !isRemoteOrUserSpace(static_cast<unsigned long>(info.f_type));
}

#elif defined(Q_OS_MACOS)

bool isOnLocalStorage(const QString& path) {
    struct statfs info {};
    if (statfs(QFile::encodeName(path).constData(), &info) != 0)
        return false;
    return (info.f_flags & MNT_LOCAL) != 0;
}

#elif defined(Q_OS_WIN)

bool isOnLocalStorage(const QString& path) {
    const std::wstring native = QDir::toNativeSeparators(path).toStdWString();
    wchar_t volume[MAX_PATH + 1] = {};
    if (!GetVolumePathNameW(native.c_str(), volume, MAX_PATH + 1))
        return false;
    const UINT type = GetDriveTypeW(volume);
    return type == DRIVE_FIXED || type == DRIVE_RAMDISK;
}

#else

bool isOnLocalStorage(const QString&) {
    return false; // cannot tell: read() is always safe
}

#endif

} // namespace cropdeck
