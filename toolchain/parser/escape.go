package parser

import "strings"

// Unescape decodes the body of a quoted string as Falco does
// (escaping.cpp): \b \f \n \r \t \\ \/, \" only inside "…", \' only inside
// '…', and the legacy quirk "\ " → a single backslash. quote is the
// delimiter the string was written with.
func Unescape(body string, quote byte) (string, string) {
	if strings.IndexByte(body, '\\') < 0 {
		return body, ""
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(body) {
			// A trailing lone backslash cannot occur: the closing
			// quote would have been escaped. Keep it literally.
			b.WriteByte('\\')
			break
		}
		r, msg := unescapeOne(body[i], quote)
		if msg != "" {
			return "", msg
		}
		b.WriteByte(r)
	}
	return b.String(), ""
}

func unescapeOne(c, quote byte) (byte, string) {
	switch c {
	case 'b':
		return '\b', ""
	case 'f':
		return '\f', ""
	case 'n':
		return '\n', ""
	case 'r':
		return '\r', ""
	case 't':
		return '\t', ""
	case ' ', '\\':
		return '\\', ""
	case '/':
		return '/', ""
	case '"':
		if quote != '"' {
			return 0, `invalid \" escape in '-quoted string`
		}
		return '"', ""
	case '\'':
		if quote != '\'' {
			return 0, `invalid \' escape in "-quoted string`
		}
		return '\'', ""
	}
	return 0, `unsupported string escape sequence: \` + string(c)
}
