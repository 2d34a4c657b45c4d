import Foundation

/// The one way tests wait: until an event has happened — a file appeared, a log line was
/// written, a row reached a state, a process exited, a server answered — checking every 50 ms,
/// up to a generous deadline. A test never sleeps as a stand-in for an event; the interval here
/// is only how often the event is looked for.
///
/// ```swift
/// #expect(await eventually(seconds: 30) { FileManager.default.fileExists(atPath: archived) })
/// ```
public func eventually(seconds: Double, _ happened: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await happened() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await happened()
}

/// The value `produce` returns once it returns one, or nil after `seconds` (see ``eventually``).
public func eventually<T>(seconds: Double, _ produce: () async throws -> T?) async rethrows -> T? {
    var value: T?
    _ = try await eventually(seconds: seconds) {
        value = try await produce()
        return value != nil
    }
    return value
}
