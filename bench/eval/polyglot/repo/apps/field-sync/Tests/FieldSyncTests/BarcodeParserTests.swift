import XCTest
@testable import FieldSync

final class BarcodeParserTests: XCTestCase {
    func testBinLabel() {
        XCTAssertEqual(BarcodeParser.parse("BIN:A-01-3"), .bin("A-01-3"))
    }

    func testRejectsGtinWithBadCheckDigit() {
        XCTAssertEqual(BarcodeParser.parse("0104012345678900"), .unknown("0104012345678900"))
    }
}
