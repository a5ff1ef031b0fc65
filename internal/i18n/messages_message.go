package i18n

// messageMessages are the message area's strings: {Indonesian, English}.
var messageMessages = map[string][2]string{}
