import Foundation

/// Parses the labels scanned in the warehouse: bin labels ("BIN:A-01-3") and GS1-128 product labels
/// whose (01) application identifier carries the GTIN we map to a SKU.
public enum ScannedLabel: Equatable {
    case bin(String)
    case gtin(String)
    case unknown(String)
}

public enum BarcodeParser {
    public static func parse(_ raw: String) -> ScannedLabel {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("BIN:") {
            return .bin(String(trimmed.dropFirst(4)))
        }
        if trimmed.hasPrefix("01"), trimmed.count >= 16 {
            let gtin = String(trimmed.dropFirst(2).prefix(14))
            return isValidGTIN(gtin) ? .gtin(gtin) : .unknown(trimmed)
        }
        return .unknown(trimmed)
    }

    /// GS1 mod-10 check digit.
    static func isValidGTIN(_ gtin: String) -> Bool {
        let digits = gtin.compactMap(\.wholeNumberValue)
        guard digits.count == 14 else { return false }
        let sum = digits.dropLast().reversed().enumerated().reduce(0) { total, pair in
            total + pair.element * (pair.offset % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10 == digits.last
    }
}
