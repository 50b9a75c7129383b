namespace IntegrationHub.Intake.Exchange;

/// <summary>The few Linux calls that let the exchange open a file without following links and see what it really opened.</summary>
/// <remarks>
/// .NET opens files by path and follows every link on the way. Here a file is opened with <c>O_NOFOLLOW</c> relative to a
/// folder already opened and checked, and what was opened is then examined through the descriptor itself (<c>statx</c>, and
/// <c>/proc/self/fd</c> for its real path), so nothing can be swapped between the check and the read. The flag values differ by
/// architecture; on one not listed the exchange uses <see cref="PortableFeedFolder"/>.
/// </remarks>
internal static class LinuxFiles
{
    public const int NoSuchEntry = 2;        // ENOENT
    public const int NoDeviceOrAddress = 6;  // ENXIO: a socket, or a device without a driver
    public const int CrossDevice = 18;       // EXDEV
    public const int NotADirectory = 20;     // ENOTDIR
    public const int TooManyLinks = 40;      // ELOOP: what O_NOFOLLOW answers for a symbolic link

    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;   // a pipe must not block the open
    private const int CloseOnExec = 0x80000;
    private const int CurrentDirectory = -100;
    private const int EmptyPath = 0x1000;
    private const uint BasicStats = 0x7ff;
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    private static readonly (int NoFollow, int Directory)? Flags = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 or Architecture.S390x or Architecture.RiscV64 or Architecture.LoongArch64 => (0x20000, 0x10000),
        Architecture.Arm64 or Architecture.Arm or Architecture.Ppc64le => (0x8000, 0x4000),
        _ => null,
    };

    /// <summary>Whether this machine has what the checks need: Linux, a known architecture, <c>/proc</c> and <c>statx</c>.</summary>
    public static bool Supported { get; } = Probe();

    /// <summary>Opens a folder without following a link in its last component; null with the error number when it fails.</summary>
    public static SafeFileHandle? OpenDirectory(string path, out int error) =>
        Handle(Native.Open(path, ReadOnly | Flags!.Value.Directory | Flags.Value.NoFollow | CloseOnExec), out error);

    /// <summary>Opens an entry of an opened folder, never following a link; null with the error number when it fails.</summary>
    public static SafeFileHandle? OpenEntry(SafeFileHandle directory, string name, out int error) =>
        Handle(Native.OpenAt(Descriptor(directory), name, ReadOnly | Flags!.Value.NoFollow | NonBlocking | CloseOnExec), out error);

    /// <summary>What the descriptor is: a regular file or not, its hard links, length and last write.</summary>
    public static (bool Regular, uint Links, FileStamp Stamp) Describe(SafeFileHandle handle)
    {
        if (Native.Statx(Descriptor(handle), "", EmptyPath, BasicStats, out var stat) != 0)
        {
            throw Failure("statx", Marshal.GetLastPInvokeError());
        }

        var written = DateTime.UnixEpoch.AddTicks((stat.ModifiedSeconds * TimeSpan.TicksPerSecond) + (stat.ModifiedNanoseconds / 100));
        return ((stat.Mode & TypeMask) == RegularFile, stat.Links, new FileStamp((long)stat.Size, written));
    }

    /// <summary>The absolute path of what the descriptor refers to, every link resolved, as the kernel knows it.</summary>
    public static string? RealPath(SafeFileHandle handle) => new FileInfo(ProcPath(handle)).LinkTarget;

    /// <summary>A path that reaches exactly what the descriptor refers to, for APIs that want a path.</summary>
    public static string ProcPath(SafeFileHandle handle) => $"/proc/self/fd/{Descriptor(handle)}";

    /// <summary>Renames an entry of an opened folder to an absolute path; the entry is moved, never what it may link to.</summary>
    public static int Rename(SafeFileHandle directory, string name, string target) =>
        Native.RenameAt(Descriptor(directory), name, CurrentDirectory, target) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static IOException Failure(string call, int error) => new($"{call} failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");

    private static SafeFileHandle? Handle(int descriptor, out int error)
    {
        error = descriptor < 0 ? Marshal.GetLastPInvokeError() : 0;
        return descriptor < 0 ? null : new SafeFileHandle(descriptor, ownsHandle: true);
    }

    private static int Descriptor(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Flags is null || !Directory.Exists("/proc/self/fd"))
        {
            return false;
        }

        try
        {
            return Native.Statx(CurrentDirectory, "/", 0, BasicStats, out _) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            // A C library older than statx (glibc before 2.28).
            return false;
        }
    }

    /// <summary>The part of <c>struct statx</c> the exchange reads; the layout is the same on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(16)] public uint Links;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
        public static extern int OpenAt(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "renameat", SetLastError = true)]
        public static extern int RenameAt(int fromDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string from, int toDirectory,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        public static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask,
            out StatxBuffer buffer);
    }
}
