import XCTest
@testable import FieldSync

final class ConflictResolverTests: XCTestCase {
    private let resolver = ConflictResolver()

    func testLaterCountWinsEvenWithLowerRevision() {
        let early = StockCount(sku: "MUG-01", binCode: "A-01-3", quantity: 12, countedAt: Date(timeIntervalSince1970: 1_000), deviceId: "scanner-b", revision: 5)
        let late = StockCount(sku: "MUG-01", binCode: "A-01-3", quantity: 9, countedAt: Date(timeIntervalSince1970: 2_000), deviceId: "scanner-a", revision: 1)
        XCTAssertEqual(resolver.resolve(local: early, remote: late), late)
    }

    func testSameSecondFallsBackToRevision() {
        let a = StockCount(sku: "MUG-01", binCode: "A-01-3", quantity: 12, countedAt: Date(timeIntervalSince1970: 1_000.2), deviceId: "scanner-b", revision: 2)
        let b = StockCount(sku: "MUG-01", binCode: "A-01-3", quantity: 9, countedAt: Date(timeIntervalSince1970: 1_000.7), deviceId: "scanner-a", revision: 3)
        XCTAssertEqual(resolver.resolve(local: a, remote: b), b)
    }
}
