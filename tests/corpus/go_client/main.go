package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

const (
	openRouterURL = "https://openrouter.ai/api/v1/chat/completions"
	model         = "openai/o3"
)

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

func main() {
	body, _ := json.Marshal(map[string]any{
		"model":    model,
		"messages": []message{{Role: "user", Content: os.Args[1]}},
	})
	req, _ := http.NewRequest("POST", openRouterURL, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+os.Getenv("OPENROUTER_API_KEY"))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	fmt.Println(resp.Status)
}
