package i18n

// open311Messages are the open311 area's strings: {Indonesian, English}.
var open311Messages = map[string][2]string{}
