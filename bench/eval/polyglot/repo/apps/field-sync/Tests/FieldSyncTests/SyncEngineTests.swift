import XCTest
@testable import FieldSync

final class SyncEngineTests: XCTestCase {
    struct OfflineTransport: SyncTransport {
        func push(_ counts: [StockCount]) async throws -> [StockCount] { throw SyncError.offline }
        func pull(since: Date?) async throws -> [StockCount] { throw SyncError.offline }
    }

    final class MemoryStore: CountStore {
        var rows: [StockCount] = []
        func pending() throws -> [StockCount] { rows }
        func markSynced(_ ids: [UUID]) throws {}
        func upsert(_ counts: [StockCount]) throws { rows.append(contentsOf: counts) }
        func all() throws -> [StockCount] { rows }
    }

    func testBackoffIsCappedAtFiveMinutes() async {
        let engine = SyncEngine(transport: OfflineTransport(), store: MemoryStore())
        let delay = await engine.backoffDelay(afterFailures: 12)
        XCTAssertEqual(delay, 300)
    }

    func testGivesUpAfterEightFailures() async {
        let engine = SyncEngine(transport: OfflineTransport(), store: MemoryStore())
        for _ in 0..<8 { _ = try? await engine.syncOnce() }
        do {
            try await engine.syncOnce()
            XCTFail("expected tooManyFailures")
        } catch {
            XCTAssertEqual(error as? SyncError, .tooManyFailures)
        }
    }
}
