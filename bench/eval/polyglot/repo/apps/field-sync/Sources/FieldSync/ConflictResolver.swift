import Foundation

/// Decides which of two counts of the same bin and SKU survives (ADR 0004).
///
/// The later physical count wins, because the shelf may have changed between the two counts; the
/// revision number only breaks ties when both were counted in the same second, and then the device id
/// makes the choice deterministic on every scanner.
public struct ConflictResolver {
    public init() {}

    public func resolve(local: StockCount, remote: StockCount) -> StockCount {
        let localSecond = local.countedAt.timeIntervalSince1970.rounded(.down)
        let remoteSecond = remote.countedAt.timeIntervalSince1970.rounded(.down)
        if localSecond != remoteSecond {
            return localSecond > remoteSecond ? local : remote
        }
        if local.revision != remote.revision {
            return local.revision > remote.revision ? local : remote
        }
        return local.deviceId < remote.deviceId ? local : remote
    }
}
