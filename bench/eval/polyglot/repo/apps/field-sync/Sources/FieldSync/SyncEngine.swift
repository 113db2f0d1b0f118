import Foundation

public protocol SyncTransport {
    func push(_ counts: [StockCount]) async throws -> [StockCount]
    func pull(since: Date?) async throws -> [StockCount]
}

public protocol CountStore {
    func pending() throws -> [StockCount]
    func markSynced(_ ids: [UUID]) throws
    func upsert(_ counts: [StockCount]) throws
    func all() throws -> [StockCount]
}

public enum SyncError: Error, Equatable {
    case offline
    case rejected(String)
    case tooManyFailures
}

/// Synchronises stock counts recorded offline with the inventory service.
///
/// A sync round pushes the pending local counts, then pulls what other scanners recorded since the last
/// round, and resolves conflicts for the same bin and SKU with `ConflictResolver`. Failed rounds back
/// off exponentially (2, 4, 8 … seconds, at most five minutes) so a scanner in a dead zone does not drain
/// its battery; after eight failures in a row it stops and waits for `resume()`.
public actor SyncEngine {
    public private(set) var lastSyncedAt: Date?
    public private(set) var consecutiveFailures = 0
    public private(set) var isSyncing = false

    private let transport: SyncTransport
    private let store: CountStore
    private let resolver: ConflictResolver
    private let now: () -> Date
    private let maxFailures = 8
    private let maxBackoff: TimeInterval = 300
    private let batchSize = 200

    public init(transport: SyncTransport, store: CountStore, resolver: ConflictResolver = ConflictResolver(), now: @escaping () -> Date = Date.init) {
        self.transport = transport
        self.store = store
        self.resolver = resolver
        self.now = now
    }

    /// How long to wait before the next round after `failures` failed rounds in a row.
    public func backoffDelay(afterFailures failures: Int) -> TimeInterval {
        guard failures > 0 else { return 0 }
        return min(maxBackoff, pow(2, Double(failures)))
    }

    /// One push-then-pull round. Returns the number of counts changed locally by the pull.
    @discardableResult
    public func syncOnce() async throws -> Int {
        guard !isSyncing else { return 0 }
        guard consecutiveFailures < maxFailures else { throw SyncError.tooManyFailures }
        isSyncing = true
        defer { isSyncing = false }
        do {
            try await pushPending()
            let changed = try await pullRemote()
            lastSyncedAt = now()
            consecutiveFailures = 0
            return changed
        } catch {
            consecutiveFailures += 1
            throw error
        }
    }

    /// Runs rounds until cancelled, waiting the backoff delay after failures and `interval` after successes.
    public func run(interval: TimeInterval = 60) async {
        while !Task.isCancelled {
            do {
                try await syncOnce()
                try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            } catch SyncError.tooManyFailures {
                return
            } catch {
                let delay = backoffDelay(afterFailures: consecutiveFailures)
                try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            }
        }
    }

    /// Called when the user taps "retry" after the engine gave up.
    public func resume() {
        consecutiveFailures = 0
    }

    private func pushPending() async throws {
        let pending = try store.pending()
        var index = 0
        while index < pending.count {
            let batch = Array(pending[index..<min(index + batchSize, pending.count)])
            let accepted = try await transport.push(batch)
            // The server answers with its version of each count; a newer remote revision wins locally too.
            try store.upsert(accepted)
            try store.markSynced(batch.map(\.id))
            index += batchSize
        }
    }

    private func pullRemote() async throws -> Int {
        let remote = try await transport.pull(since: lastSyncedAt)
        guard !remote.isEmpty else { return 0 }
        let local = try store.all()
        var byBin: [String: StockCount] = [:]
        for count in local {
            byBin[key(count)] = count
        }
        var changed: [StockCount] = []
        for incoming in remote {
            if let mine = byBin[key(incoming)] {
                let winner = resolver.resolve(local: mine, remote: incoming)
                if winner != mine {
                    changed.append(winner)
                }
            } else {
                changed.append(incoming)
            }
        }
        try store.upsert(changed)
        return changed.count
    }

    private func key(_ count: StockCount) -> String {
        "\(count.binCode)|\(count.sku)"
    }
}
