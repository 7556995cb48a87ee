package kube

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Paging of LIST.
const (
	listPageSize = 500
	pageTimeout  = 2 * time.Minute // one LIST page, body included
)

// list reads all the node's pods, page by page, replaces the state with them
// and returns the list's resourceVersion.
func (c *Cache) list(ctx context.Context) (string, error) {
	c.lists.Add(1)
	var entries []*entry
	cont := ""
	for {
		page, err := c.listPage(ctx, cont)
		if err != nil {
			return "", err
		}
		for i := range page.Items {
			if page.Items[i].Metadata.UID == "" {
				return "", fmt.Errorf("list pods: item %d has no uid", len(entries)+i)
			}
			entries = append(entries, newEntry(&page.Items[i]))
		}
		if cont = page.Metadata.Continue; cont == "" {
			c.listed(entries)
			return page.Metadata.ResourceVersion, nil
		}
	}
}

// listPage GETs one page of the LIST.
func (c *Cache) listPage(ctx context.Context, cont string) (*wirePodList, error) {
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	defer cancel()
	q := c.query()
	q.Set("limit", fmt.Sprint(listPageSize))
	if cont != "" {
		q.Set("continue", cont)
	} else {
		// Served from the apiserver's watch cache rather than etcd: every
		// node's agent lists at once when an apiserver restarts. The watch
		// from the list's resourceVersion brings any later change.
		q.Set("resourceVersion", "0")
	}
	resp, err := c.get(ctx, "list pods", "/api/v1/pods?"+q.Encode())
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var page wirePodList
	if err := json.NewDecoder(&boundedReader{r: resp.Body, n: maxListBody}).Decode(&page); err != nil {
		return nil, fmt.Errorf("list pods: decode: %w", cancelled(ctx, err))
	}
	return &page, nil
}

// query returns the query parameters common to LIST and WATCH.
func (c *Cache) query() url.Values {
	return url.Values{"fieldSelector": {"spec.nodeName=" + c.cfg.NodeName}}
}

// cancelled returns ctx's error in place of err when ctx ended (a read on a
// cancelled request fails with some transport error).
func cancelled(ctx context.Context, err error) error {
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return err
}
