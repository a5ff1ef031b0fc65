package i18n

// uploadMessages are the strings of uploads, photo decoding and request bodies: {Indonesian, English}.
var uploadMessages = map[string][2]string{}
