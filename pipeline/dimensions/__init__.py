"""Work dimensions (参谋辅政 … 队伍建设, 其他): taxonomy, numpy inference, the stage, coverage."""
