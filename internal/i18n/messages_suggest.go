package i18n

// suggestMessages are the strings of answer suggestions and routing: {Indonesian, English}.
var suggestMessages = map[string][2]string{}
