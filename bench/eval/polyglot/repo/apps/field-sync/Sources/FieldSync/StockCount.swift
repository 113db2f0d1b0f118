import Foundation

/// One count of one shelf position, recorded on a scanner.
public struct StockCount: Codable, Equatable, Identifiable {
    public let id: UUID
    public let sku: String
    public let binCode: String
    public var quantity: Int
    public var countedAt: Date
    public let deviceId: String
    /// Incremented on every local edit; the server keeps the highest it has seen per count.
    public var revision: Int

    public init(id: UUID = UUID(), sku: String, binCode: String, quantity: Int, countedAt: Date, deviceId: String, revision: Int = 1) {
        self.id = id
        self.sku = sku
        self.binCode = binCode
        self.quantity = quantity
        self.countedAt = countedAt
        self.deviceId = deviceId
        self.revision = revision
    }
}
