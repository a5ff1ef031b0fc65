package api

// messageOperations documents the message area's routes of /api/v1.
var messageOperations = []op{}
