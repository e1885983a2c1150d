// An MSBuild task (compiled by RoslynCodeTaskFactory, see TorchSharpNatives.targets).
//
// libLibTorchSharp.so from TorchSharp 0.107 declares that it needs GLIBCXX_3.4.32 (GCC 13's libstdc++)
// although the only symbol it binds to that version, std::ios_base_library_init, is never referenced by a
// relocation: it is a link-time marker, not a call. On a system whose libstdc++ is older (Debian 12,
// Ubuntu 22.04) the dynamic loader refuses the whole library. Marking that version requirement weak
// (VER_FLG_WEAK) lets the loader accept it. The task does this only for versions the system lacks and only
// when no relocation uses a symbol of that version; otherwise it fails with one sentence saying what to install.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class LibStdCxxCompatibility : Task
{
    const uint ShtRela = 4, ShtDynsym = 11, ShtVerdef = 0x6ffffffd, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;
    const ushort VerFlagWeak = 0x2;

    [Required] public string Library { get; set; } = "";

    /// <summary>The system libstdc++ to compare with; empty means the usual Linux locations.</summary>
    public string SystemLibStdCxx { get; set; } = "";

    [Output] public string Action { get; set; } = "";

    public override bool Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
        {
            Log.LogError("Could not make {0} loadable on this system: {1}", Library, e.Message);
            return false;
        }
    }

    bool Run()
    {
        string systemLib = string.IsNullOrEmpty(SystemLibStdCxx) ? FindSystemLibStdCxx() : SystemLibStdCxx;
        if (systemLib == null || !File.Exists(Library)) { Action = "none"; return true; }

        var provided = new HashSet<string>(Elf.Read(File.ReadAllBytes(systemLib)).DefinedVersions());
        byte[] bytes = File.ReadAllBytes(Library);
        var library = Elf.Read(bytes);
        var missing = library.NeededVersions("libstdc++.so.6")
            .Where(n => (n.Flags & VerFlagWeak) == 0 && !provided.Contains(n.Name))
            .ToList();
        if (missing.Count == 0) { Action = "none"; return true; }

        var usedByRelocation = library.VersionsUsedByRelocations();
        var unsafeVersions = missing.Where(n => usedByRelocation.Contains(n.Index)).Select(n => n.Name).ToList();
        if (unsafeVersions.Count > 0)
        {
            Log.LogError(
                "TorchSharp's native library needs {0} from a newer libstdc++ than {1}; install GCC 13's libstdc++ (package libstdc++6 version 13 or later) and rebuild.",
                string.Join(", ", unsafeVersions), systemLib);
            return false;
        }

        foreach (var need in missing)
            BitConverter.GetBytes((ushort)(need.Flags | VerFlagWeak)).CopyTo(bytes, need.FlagsOffset);

        // Write beside and rename: never modify a file that might be a hard link into the package cache.
        string temp = Library + ".patching";
        File.WriteAllBytes(temp, bytes);
        File.Delete(Library);
        File.Move(temp, Library);
        Action = "marked " + string.Join(", ", missing.Select(m => m.Name)) + " weak";
        Log.LogMessage(MessageImportance.High, "{0}: {1} (system libstdc++ is older)", Path.GetFileName(Library), Action);
        return true;
    }

    static string FindSystemLibStdCxx()
    {
        string[] candidates =
        {
            "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    sealed class VersionNeed
    {
        public string Name = "";
        public ushort Flags;
        public ushort Index;
        public int FlagsOffset;
    }

    /// <summary>Just enough of a little-endian ELF64 reader for symbol versioning.</summary>
    sealed class Elf
    {
        readonly byte[] _b;
        readonly List<(uint Type, long Offset, long Size, int Link, int Info, long EntSize)> _sections = new();

        Elf(byte[] bytes) { _b = bytes; }

        public static Elf Read(byte[] bytes)
        {
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
                throw new InvalidDataException("not an ELF file");
            if (bytes[4] != 2 || bytes[5] != 1)
                throw new InvalidDataException("only little-endian 64-bit ELF is supported");
            var elf = new Elf(bytes);
            long shoff = BitConverter.ToInt64(bytes, 0x28);
            int shentsize = BitConverter.ToUInt16(bytes, 0x3a), shnum = BitConverter.ToUInt16(bytes, 0x3c);
            for (int i = 0; i < shnum; i++)
            {
                long o = shoff + (long)i * shentsize;
                elf._sections.Add((BitConverter.ToUInt32(bytes, (int)o + 4), BitConverter.ToInt64(bytes, (int)o + 0x18),
                    BitConverter.ToInt64(bytes, (int)o + 0x20), BitConverter.ToInt32(bytes, (int)o + 0x28),
                    BitConverter.ToInt32(bytes, (int)o + 0x2c), BitConverter.ToInt64(bytes, (int)o + 0x38)));
            }
            return elf;
        }

        string String(int sectionIndex, uint offset)
        {
            int start = (int)(_sections[sectionIndex].Offset + offset), end = start;
            while (_b[end] != 0) end++;
            return Encoding.ASCII.GetString(_b, start, end - start);
        }

        public IEnumerable<string> DefinedVersions()
        {
            foreach (var s in _sections.Where(s => s.Type == ShtVerdef))
            {
                long o = s.Offset;
                for (int i = 0; i < s.Info; i++)
                {
                    uint aux = BitConverter.ToUInt32(_b, (int)o + 12), next = BitConverter.ToUInt32(_b, (int)o + 16);
                    yield return String(s.Link, BitConverter.ToUInt32(_b, (int)(o + aux)));
                    o += next;
                }
            }
        }

        public List<VersionNeed> NeededVersions(string fromFile)
        {
            var result = new List<VersionNeed>();
            foreach (var s in _sections.Where(s => s.Type == ShtVerneed))
            {
                long o = s.Offset;
                for (int i = 0; i < s.Info; i++)
                {
                    ushort count = BitConverter.ToUInt16(_b, (int)o + 2);
                    string file = String(s.Link, BitConverter.ToUInt32(_b, (int)o + 4));
                    long a = o + BitConverter.ToUInt32(_b, (int)o + 8);
                    for (int j = 0; j < count; j++)
                    {
                        if (file == fromFile)
                            result.Add(new VersionNeed
                            {
                                Flags = BitConverter.ToUInt16(_b, (int)a + 4),
                                Index = BitConverter.ToUInt16(_b, (int)a + 6),
                                Name = String(s.Link, BitConverter.ToUInt32(_b, (int)a + 8)),
                                FlagsOffset = (int)a + 4,
                            });
                        a += BitConverter.ToUInt32(_b, (int)a + 12);
                    }
                    o += BitConverter.ToUInt32(_b, (int)o + 12);
                }
            }
            return result;
        }

        /// <summary>The version indices of every dynamic symbol that some relocation refers to.</summary>
        public HashSet<ushort> VersionsUsedByRelocations()
        {
            var versym = _sections.First(s => s.Type == ShtVersym);
            int dynsym = _sections.FindIndex(s => s.Type == ShtDynsym);
            var used = new HashSet<ushort>();
            foreach (var rela in _sections.Where(s => s.Type == ShtRela && s.Link == dynsym))
            {
                for (long o = rela.Offset; o < rela.Offset + rela.Size; o += rela.EntSize)
                {
                    ulong info = BitConverter.ToUInt64(_b, (int)o + 8);
                    uint symbol = (uint)(info >> 32);
                    if (symbol != 0)
                        used.Add((ushort)(BitConverter.ToUInt16(_b, (int)(versym.Offset + 2L * symbol)) & 0x7fff));
                }
            }
            return used;
        }
    }
}
