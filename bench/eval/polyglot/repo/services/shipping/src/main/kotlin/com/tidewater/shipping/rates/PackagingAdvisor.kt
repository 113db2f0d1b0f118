package com.tidewater.shipping.rates

/**
 * Suggests the smallest standard carton for a set of items, so the volumetric weight (and the price)
 * stays low. Items are treated as boxes; rotation is allowed, nesting is not.
 */
object PackagingAdvisor {
    data class Carton(val code: String, val lengthCm: Int, val widthCm: Int, val heightCm: Int)

    val CARTONS = listOf(
        Carton("S", 25, 17, 10),
        Carton("M", 35, 25, 15),
        Carton("L", 50, 35, 25),
        Carton("XL", 60, 40, 40),
    )

    fun smallestCarton(items: List<Triple<Int, Int, Int>>): Carton? {
        val volume = items.sumOf { (l, w, h) -> l * w * h }
        val longest = items.maxOfOrNull { (l, w, h) -> maxOf(l, w, h) } ?: return CARTONS.first()
        // 80 % fill factor: filler material and imperfect packing.
        return CARTONS.firstOrNull { it.lengthCm >= longest && it.lengthCm * it.widthCm * it.heightCm * 0.8 >= volume }
    }
}
