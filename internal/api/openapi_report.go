package api

// reportOperations documents the report area's routes of /api/v1.
var reportOperations = []op{}
