import Foundation

#if FUZZING
/// libFuzzer's own driver (in the runtime `-sanitize=fuzzer` links): runs the fuzzing loop over
/// `callback` with libFuzzer's command-line flags.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

extension FuzzTargets {
    /// The executables' entry point. Built with `-DFUZZING` (with libFuzzer's coverage, ASan and
    /// libclang_rt.fuzzer_no_main linked, see `scripts/fuzz`) it hands over to libFuzzer with
    /// `callback`; built plainly it replays the files and folders given as arguments through
    /// `target` and says how many ran.
    ///
    /// Why not libFuzzer's own `main` (`-sanitize=fuzzer`): SwiftPM renames an executable's `main`
    /// (so tests can link executables) and defines the linker's `main` as that, which collides
    /// with the `main` in libFuzzer's whole-archive runtime; so our main calls libFuzzer's driver.
    public static func main(_ name: String, _ target: ([UInt8]) -> Void,
                            _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
        #else
        let paths = Array(CommandLine.arguments.dropFirst())
        if paths.isEmpty {
            FileHandle.standardError.write(Data("usage: \(name) FILE_OR_FOLDER… (replays inputs; scripts/fuzz builds the fuzzer)\n".utf8))
            exit(2)
        }
        let count = replay(paths, target)
        print("\(name): replayed \(count) inputs")
        exit(count > 0 ? 0 : 1)
        #endif
    }

    /// One libFuzzer input as bytes.
    public static func bytes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
        guard let start, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: start, count: count))
    }
}
