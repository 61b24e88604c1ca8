package corpus

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestRolesMemo checks that the roles Parse keeps for Mentions are those
// speakerRoles finds in the parsed document from scratch, and that a document
// whose statements were changed since is read again.
func TestRolesMemo(t *testing.T) {
	dirs := []string{corpusDir}
	if bbc := "../../shared/data/bbc-fulltext/bbc/politics"; dirExists(bbc) {
		dirs = append(dirs, bbc)
	}
	docs, roles := 0, 0
	for _, dir := range dirs {
		c, err := Load(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range c.Docs {
			memo, ok := d.roles.of(d)
			if ok != (len(d.Statements) > 0) {
				t.Errorf("%s: %d statements, roles kept %v", d.ID, len(d.Statements), ok)
			}
			fresh := *d
			fresh.roles = rolesMemo{}
			want := speakerRolesRef(&fresh)
			if got := speakerRoles(&fresh); len(d.Statements) > 0 && !reflect.DeepEqual(got, want) {
				t.Errorf("%s: roles found %v, want %v", d.ID, got, want)
			}
			if len(d.Statements) > 0 && !reflect.DeepEqual(memo, want) {
				t.Errorf("%s: roles kept %v, found %v", d.ID, memo, want)
			}
			for _, r := range want {
				if r != "" {
					roles++
				}
			}
			docs++
		}
	}
	if roles < 10 {
		t.Errorf("%d documents gave %d roles: the test proves little", docs, roles)
	}
	t.Logf("%d documents, %d roles", docs, roles)

	c, err := Load(context.Background(), corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Docs {
		if len(d.Statements) == 0 {
			continue
		}
		d.Statements = append([]Statement(nil), d.Statements...)
		if _, ok := d.roles.of(d); ok {
			t.Errorf("%s: roles kept for statements that were replaced", d.ID)
		}
		break
	}
}

func dirExists(path string) bool {
	fi, err := os.Stat(filepath.Clean(path))
	return err == nil && fi.IsDir()
}

// speakerRolesRef is speakerRoles as it was before roleEntities: the roles
// read straight from a fresh attribution's entities.
func speakerRolesRef(d *Document) map[string]string {
	if len(d.Sentences) == 0 {
		return nil
	}
	a := newAttribution(d)
	a.entities()
	byKeys := map[string][]int{}
	for id, e := range a.ents {
		if e.role != "" {
			k := strings.Join(e.keys, " ")
			byKeys[k] = append(byKeys[k], id)
		}
	}
	roles := map[string]string{}
	for _, st := range d.Statements {
		if _, ok := roles[st.Speaker]; ok {
			continue
		}
		keys := strings.Fields(foldName(st.Speaker))
		role := ""
		joined := strings.Join(keys, " ")
		cands := append(a.nameCands(keys, false), byKeys[joined]...)
		sort.Ints(cands)
		for _, id := range slices.Compact(cands) {
			if e := a.ents[id]; e.role != "" && (strings.Join(e.keys, " ") == joined || !e.org && nameCompatible(keys, e.keys, false)) {
				if len(e.role) > len(role) {
					role = e.role
				}
			}
		}
		roles[st.Speaker] = role
	}
	return roles
}
