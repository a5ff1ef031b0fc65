package api

// libraryOperations documents the library area's routes of /api/v1.
var libraryOperations = []op{}
