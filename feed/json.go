package feed

import (
	"encoding/json"
	"io"

	"github.com/gorilla/feeds"
)

// WriteJSON writes items as a JSON Feed 1.1 document.
//
// It fills gorilla/feeds' JSONFeed and JSONItem directly, because
// feeds.Feed's JSON output leaves out feed_url and language, has no tags,
// and makes the modified date the item's Updated; and it wraps JSONFeed so
// that "items" is always present, as JSON Feed requires, where the library
// omits it for an empty feed. Items carry both authors (1.1) and the
// deprecated author, which JSON Feed 1.1 asks publishers to keep for 1.0
// readers.
func WriteJSON(w io.Writer, m Meta, items []Item) error {
	d, err := newDocument(m, items)
	if err != nil {
		return wrapWrite(FormatJSON, m, err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return wrapWrite(FormatJSON, m, enc.Encode(newJSONDoc(d)))
}

// jsonVersion is the JSON Feed version URL; gorilla/feeds uses the same but
// does not export it.
const jsonVersion = "https://jsonfeed.org/version/1.1"

// jsonDoc is feeds.JSONFeed with items that are never omitted.
type jsonDoc struct {
	*feeds.JSONFeed
	Items []jsonItem `json:"items"`
}

// jsonItem is feeds.JSONItem with our extension object. JSON Feed has one
// url per item; the other letters that carried the point are listed under
// "_prayerfeed" (custom objects start with "_", which readers that do not
// know them ignore) as well as linked from content_html.
type jsonItem struct {
	*feeds.JSONItem
	Extension *jsonExtension `json:"_prayerfeed,omitempty"`
}

// jsonExtension is prayerfeed's own data on an item.
type jsonExtension struct {
	Copies []jsonCopy `json:"copies"`
}

// jsonCopy is a link to another letter that carried the point.
type jsonCopy struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// jsonExtensionOf is e's extension object, nil when it has nothing to say.
func jsonExtensionOf(e entry) *jsonExtension {
	if len(e.Copies) == 0 {
		return nil
	}
	x := &jsonExtension{}
	for _, c := range e.Copies {
		x.Copies = append(x.Copies, jsonCopy{URL: c.URL, Title: c.Title})
	}
	return x
}

func newJSONDoc(d document) jsonDoc {
	doc := jsonDoc{
		JSONFeed: &feeds.JSONFeed{
			Version:     jsonVersion,
			Title:       d.Title,
			Language:    d.Language,
			HomePageUrl: d.HomeURL,
			FeedUrl:     d.FeedURL,
			Description: d.Description,
		},
		Items: make([]jsonItem, len(d.Entries)),
	}
	for i, e := range d.Entries {
		author := &feeds.JSONAuthor{Name: e.Author}
		date := e.Date
		doc.Items[i] = jsonItem{JSONItem: &feeds.JSONItem{
			Id:            e.ID,
			Url:           e.Link,
			Title:         e.Title,
			ContentHTML:   e.HTML,
			Summary:       e.Text,
			PublishedDate: &date,
			ModifiedDate:  &date,
			Author:        author,
			Authors:       []*feeds.JSONAuthor{author},
			Tags:          []string{string(e.Kind)},
		}, Extension: jsonExtensionOf(e)}
	}
	return doc
}
