package quickstart

import "testing"

func TestMarkedBlocks(t *testing.T) {
	doc := "text\n<!-- quickstart:a -->\n```sh\necho 1\necho 2\n```\n<!-- quickstart:b -->\n```\nx\n```\n"
	got, err := markedBlocks(doc)
	if err != nil || got["a"] != "echo 1\necho 2\n" || got["b"] != "x\n" || len(got) != 2 {
		t.Fatalf("got %q, %v", got, err)
	}
	for name, bad := range map[string]string{
		"no fence":  "<!-- quickstart:a -->\ntext\n",
		"unclosed":  "<!-- quickstart:a -->\n```sh\necho\n",
		"duplicate": "<!-- quickstart:a -->\n```\n```\n<!-- quickstart:a -->\n```\n```\n",
	} {
		if _, err := markedBlocks(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
