package live

// Pack exposes pack to the external tests.
var Pack = pack
